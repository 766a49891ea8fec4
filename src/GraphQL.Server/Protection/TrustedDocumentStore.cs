using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL.PersistedDocuments;
using GraphQLParser;

namespace Diecast.GraphQL.Server.Protection;

/// <summary>
/// The trusted documents: a checked-in JSON file mapping document ids (<c>sha256:&lt;hex&gt;</c>, the hash of the
/// document's UTF-8 text) to documents, read once at start. Every instance reads the same file, so there is no runtime
/// state to share. A file whose ids do not match their documents, or whose documents do not parse, stops the start.
/// </summary>
public sealed class TrustedDocumentStore : IPersistedDocumentLoader
{
    public const string Sha256Prefix = "sha256";

    private readonly FrozenDictionary<string, TrustedDocument> _byId;
    private readonly FrozenDictionary<string, string> _idByText;

    public TrustedDocumentStore(IOptions<GraphQLProtectionOptions> options, IHostEnvironment environment)
        : this(Read(Path.Combine(environment.ContentRootPath, options.Value.TrustedDocumentsPath)))
    {
    }

    public TrustedDocumentStore(IReadOnlyDictionary<string, string> documents)
    {
        _byId = documents.ToFrozenDictionary(d => d.Key, d => Trust(d.Key, d.Value), StringComparer.Ordinal);
        _idByText = documents.ToFrozenDictionary(d => d.Value, d => d.Key, StringComparer.Ordinal);
    }

    public static string IdOf(string document) => $"{Sha256Prefix}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)))}";

    public TrustedDocument? Find(string documentId) => _byId.GetValueOrDefault(documentId);

    /// <summary>Whether this exact text is a trusted document (a client may send the text instead of its id).</summary>
    public bool IsTrustedText(string document) => _idByText.ContainsKey(document);

    public ValueTask<string?> GetQueryAsync(string? documentIdPrefix, string documentIdPayload, CancellationToken cancellationToken) =>
        new(Find(documentIdPrefix is null ? documentIdPayload : $"{documentIdPrefix}:{documentIdPayload}")?.Text);

    private static Dictionary<string, string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The trusted documents file '{path}' does not exist (GraphQL:TrustedDocumentsPath).");
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(path))
                ?? throw new InvalidOperationException($"The trusted documents file '{path}' holds null; it must be a JSON object of document id to document.");
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"The trusted documents file '{path}' must be a JSON object of document id to document: {exception.Message}", exception);
        }
    }

    private static TrustedDocument Trust(string id, string text)
    {
        if (id.StartsWith(Sha256Prefix + ":", StringComparison.Ordinal) && id != IdOf(text))
        {
            throw new InvalidOperationException($"The trusted document '{id}' does not match its text, whose id is '{IdOf(text)}'.");
        }

        try
        {
            Parser.Parse(text);
            return new TrustedDocument(id, text);
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException exception)
        {
            throw new InvalidOperationException($"The trusted document '{id}' does not parse: {exception.Message}", exception);
        }
    }
}

/// <summary>
/// A trusted document. Its text is parsed once at start, only so that a file with a broken document stops the start;
/// execution parses it again like any text, and <see cref="ValidatedDocumentCache"/> keeps the result.
/// </summary>
public sealed record TrustedDocument(string Id, string Text);
