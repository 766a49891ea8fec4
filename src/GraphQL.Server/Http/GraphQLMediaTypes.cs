using Microsoft.Net.Http.Headers;

namespace Diecast.GraphQL.Server.Http;

/// <summary>Response media types of the GraphQL-over-HTTP spec, chosen from the request's Accept header.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The response type for an Accept header, or null when the client accepts neither JSON type.
    /// A missing Accept, <c>*/*</c> and <c>application/*</c> get <c>application/json</c>, as the spec's
    /// transition rules ask; an explicit <c>application/graphql-response+json</c> wins ties.
    /// </summary>
    /// <exception cref="FormatException">The Accept header does not parse.</exception>
    public static string? Negotiate(IList<string>? acceptHeaders)
    {
        if (acceptHeaders is null || acceptHeaders.Count == 0 || acceptHeaders.All(string.IsNullOrWhiteSpace))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted))
        {
            throw new FormatException("The Accept header could not be parsed.");
        }

        string? best = null;
        var bestQuality = 0.0;
        foreach (var mediaType in accepted)
        {
            var candidate = mediaType.MediaType.Value?.ToLowerInvariant() switch
            {
                GraphQLResponse => GraphQLResponse,
                Json or "*/*" or "application/*" => Json,
                _ => null,
            };
            var quality = mediaType.Quality ?? 1.0;
            if (candidate is null || quality <= 0)
            {
                continue;
            }

            if (quality > bestQuality || (quality.Equals(bestQuality) && candidate == GraphQLResponse))
            {
                (best, bestQuality) = (candidate, quality);
            }
        }

        return best;
    }

    /// <summary>Whether a request's Content-Type is JSON (any charset parameter must be utf-8).</summary>
    public static bool IsJsonContent(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
        && (parsed.Charset.Value is null || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
