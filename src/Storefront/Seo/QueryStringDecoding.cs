using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Diecast.Storefront.Seo;

/// <summary>
/// Query strings read as browsers read them. ASP.NET Core leaves a percent-encoded byte sequence that is not UTF-8
/// (<c>%FF</c>, a truncated <c>%E2%82</c>, an overlong <c>%C0%AF</c>, a lone surrogate <c>%ED%A0%80</c>) in the value still
/// encoded, so a page echoed "%FF" back as if it had been typed. Here such a sequence becomes U+FFFD, as the WHATWG URL
/// standard's form decoding (URLSearchParams) does, before any page reads the query: every parameter of every page is
/// covered at once, and each page's own rules then treat the value (a search drops the character and says so, a facet or
/// a tag that is not one of ours is left out and said). Only a query that needs it is parsed again.
/// </summary>
public static class QueryStringDecoding
{
    /// <summary>What a byte sequence that is not UTF-8 becomes.</summary>
    public const char Replacement = '\uFFFD';

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>First in the pipeline, so error pages and the output cache's key see the same values as the pages.</summary>
    public static WebApplication UseQueryStringDecoding(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            if (Decode(context.Request.QueryString.Value) is { } query)
            {
                context.Features.Set<IQueryFeature>(new QueryFeature(new QueryCollection(query)));
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The parameters of <paramref name="queryString"/> (with or without its "?"), each sequence that is not UTF-8 replaced
    /// by U+FFFD; null when every escaped sequence is UTF-8 already (ASP.NET Core's own parsing is then the same).
    /// </summary>
    public static Dictionary<string, StringValues>? Decode(string? queryString)
    {
        if (string.IsNullOrEmpty(queryString) || !queryString.Contains('%', StringComparison.Ordinal) || !HasInvalidEscapes(queryString))
        {
            return null;
        }

        var accumulator = new KeyValueAccumulator();
        foreach (var pair in queryString.TrimStart('?').Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Unescape(pair[(equals + 1)..]);
            accumulator.Append(name, value);
        }

        return accumulator.GetResults();
    }

    /// <summary>Whether some run of escaped bytes in the query is not UTF-8.</summary>
    private static bool HasInvalidEscapes(string queryString)
    {
        foreach (var part in queryString.TrimStart('?').Split('&', '='))
        {
            if (part.Contains('%', StringComparison.Ordinal))
            {
                try
                {
                    StrictUtf8.GetString(Bytes(part));
                }
                catch (DecoderFallbackException)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>'+' is a space, %XX a byte, anything else its UTF-8 bytes; decoded as UTF-8 with U+FFFD for what is not.</summary>
    private static string Unescape(string text) => Encoding.UTF8.GetString(Bytes(text));

    private static byte[] Bytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add((byte)((Uri.FromHex(text[i + 1]) << 4) | Uri.FromHex(text[i + 2])));
                i += 2;
            }
            else if (char.IsSurrogatePair(text, i))
            {
                var written = Encoding.UTF8.GetBytes(text.AsSpan(i, 2), buffer);
                bytes.AddRange(buffer[..written]);
                i++;
            }
            else
            {
                // A lone surrogate in the raw text cannot come from a URL (Kestrel decodes the request line as ASCII or
                // UTF-8); it becomes U+FFFD's bytes like any other unreadable character.
                var one = char.IsSurrogate(c) ? Replacement : c;
                var written = Encoding.UTF8.GetBytes(new ReadOnlySpan<char>(in one), buffer);
                bytes.AddRange(buffer[..written]);
            }
        }

        return [.. bytes];
    }
}
