using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Diecast.Api.Media;

/// <summary>Pure HTTP negotiation for the media endpoints: the image format from Accept, a byte range from Range.</summary>
public static class MediaNegotiation
{
    /// <summary>A parsed single range, inclusive offsets; <see cref="Satisfiable"/> false means 416.</summary>
    public readonly record struct ByteRange(long From, long To, bool Satisfiable);

    /// <summary>
    /// "avif" when Accept lists image/avif (and <paramref name="avif"/> is on), else "webp" when it lists image/webp,
    /// else "jpeg": what next/image does. Only explicit types count (every browser that decodes AVIF or WebP says so
    /// in its image requests); a type with q=0 is refused by the client, so it does not count.
    /// </summary>
    public static string ChooseImageFormat(StringValues accept, bool avif)
    {
        var hasAvif = false;
        var hasWebp = false;
        foreach (var header in accept)
        {
            foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parameters = part.Split(';', StringSplitOptions.TrimEntries);
                if (parameters.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"))
                {
                    continue;
                }

                hasAvif |= parameters[0].Equals("image/avif", StringComparison.OrdinalIgnoreCase);
                hasWebp |= parameters[0].Equals("image/webp", StringComparison.OrdinalIgnoreCase);
            }
        }

        return hasAvif && avif ? "avif" : hasWebp ? "webp" : "jpeg";
    }

    /// <summary>
    /// The Range header (RFC 9110 §14.1.2) for an object of <paramref name="total"/> bytes: null to send the whole
    /// object (no Range, not "bytes", several ranges, an If-Range that does not match, a malformed value: a server may
    /// ignore such a Range), else one range, clamped to the end, or unsatisfiable when it starts past the end.
    /// </summary>
    public static ByteRange? ParseRange(StringValues range, StringValues ifRange, string etag, long total)
    {
        if (range.Count != 1 || range[0] is not { } value || !value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // If-Range with another validator (or a date: we give none) means the client's copy is stale: send it all.
        if (ifRange.Count > 0 && ifRange[0] != etag)
        {
            return null;
        }

        var spec = value["bytes=".Length..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // A suffix: the last N bytes.
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }

            return suffix == 0 || total == 0 ? new ByteRange(0, 0, false) : new ByteRange(Math.Max(0, total - suffix), total - 1, true);
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
        {
            return null;
        }

        var to = total - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out to) || to < from)
            {
                return null;
            }
        }

        return from >= total ? new ByteRange(0, 0, false) : new ByteRange(from, Math.Min(to, total - 1), true);
    }
}
