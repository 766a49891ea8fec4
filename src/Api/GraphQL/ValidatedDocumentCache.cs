using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace Diecast.Api.GraphQL;

/// <summary>
/// Keeps documents that parsed and validated, keyed by their text, so a client that sends the same document again
/// (the storefront sends a handful, with variables) skips parsing and the static validation rules. Rules that read
/// variables or the caller (the complexity analyzer, authorization) are registered for cached documents too and run
/// on every request. The cache is per instance and only saves work: every instance rebuilds it from requests.
/// </summary>
public sealed class ValidatedDocumentCache : IConfigureExecution, IDisposable
{
    /// <summary>Cache budget in characters of document text; a parsed document costs a small multiple of that.</summary>
    public const long SizeLimitInCharacters = 4 * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = SizeLimitInCharacters });

    // After the options are configured (complexity, authorization), before execution.
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query)
        {
            return await next(options).ConfigureAwait(false);
        }

        var key = new DocumentKey(query, options.Schema);
        var cached = _cache.TryGetValue<GraphQLDocument>(key, out var document);
        if (cached)
        {
            options.Document = document;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
        }

        var result = await next(options).ConfigureAwait(false);
        if (!cached && result.Executed && result.Document is { } validated)
        {
            _cache.Set(key, validated, new MemoryCacheEntryOptions { Size = Math.Max(query.Length, 1) });
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record DocumentKey(string Query, ISchema? Schema);
}
