using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Diecast.GraphQL.Client;

/// <summary>
/// The trusted documents manifest the server reads (src/Api/trusted-documents.json): a JSON object mapping
/// <c>sha256:&lt;lowercase hex of the UTF-8 text&gt;</c> to the document, sorted by id, indented by two spaces.
/// The generator writes it with this class and tests compare with it, so both agree byte for byte.
/// </summary>
public static class TrustedDocumentsFile
{
    public const string IdPrefix = "sha256:";

    /// <summary>The id the server knows a document by: exactly this text, hashed.</summary>
    public static string IdOf(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return IdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
    }

    /// <summary>The manifest's text for these documents (ids are computed, never trusted from the caller).</summary>
    public static string Format(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var byId = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            byId[IdOf(document)] = document;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            // Documents hold quotes and angle brackets; this file is never embedded in HTML, so keep it readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            writer.WriteStartObject();
            foreach (var (id, document) in byId)
            {
                writer.WriteString(id, document);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
