using GraphQL.DI;
using Microsoft.Extensions.Caching.Memory;

namespace Diecast.GraphQL.Server;

/// <summary>
/// Keeps documents that parsed and validated, keyed by their text, so a client that sends the same document again
/// (a typical client sends a handful, with variables) skips parsing and the static validation rules. Rules that read
/// variables or the caller (the complexity analyzer, authorization) are registered for cached documents too and run
/// on every request. A trusted document sent by <c>documentId</c> is cached under its id, so a hit skips loading it too.
/// The cache is per instance and only saves work: every instance rebuilds it from requests.
/// </summary>
public sealed class ValidatedDocumentCache : IConfigureExecution, IDisposable
{
    /// <summary>Cache budget in characters of document text; a parsed document costs a small multiple of that.</summary>
    public const long SizeLimitInCharacters = 4 * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = SizeLimitInCharacters });

    public float SortOrder => GraphQLPipeline.ValidatedDocumentCache;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        // Ids and texts are kept apart, so a text that happens to look like an id is not taken for one.
        var key = (options.Document, options.DocumentId, options.Query) switch
        {
            (not null, _, _) => null,
            (_, { } documentId, null) => new DocumentKey(documentId, IsId: true, options.Schema),
            (_, null, { } query) => new DocumentKey(query, IsId: false, options.Schema),
            _ => null,
        };
        if (key is null)
        {
            return await next(options).ConfigureAwait(false);
        }

        var cached = _cache.TryGetValue<GraphQLDocument>(key, out var document);
        if (cached)
        {
            options.Document = document;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
        }

        var result = await next(options).ConfigureAwait(false);
        if (!cached && result.Executed && result.Document is { } validated)
        {
            // Sized by the document's text, which the persisted document handler has filled in for an id.
            _cache.Set(key, validated, new MemoryCacheEntryOptions { Size = Math.Max(options.Query?.Length ?? key.Text.Length, 1) });
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record DocumentKey(string Text, bool IsId, ISchema? Schema);
}
