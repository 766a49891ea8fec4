using System.Security.Cryptography;
using System.Text;

namespace Diecast.GraphQL.Client.Tests;

/// <summary>The manifest's format, which the server's trusted-document store and the generator must agree on byte for byte.</summary>
public sealed class TrustedDocumentsFileTests
{
    [Fact]
    public void A_document_id_is_sha256_and_the_lowercase_hex_of_its_UTF8_text()
    {
        const string document = "query Ü { __typename }";

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document))), TrustedDocumentsFile.IdOf(document));
    }

    [Fact]
    public void The_manifest_is_sorted_by_id_indented_by_two_spaces_with_LF_and_a_final_newline()
    {
        var (a, b) = ("query A { __typename }", "query B { __typename }");
        var ids = new[] { (Id: TrustedDocumentsFile.IdOf(a), Document: a), (Id: TrustedDocumentsFile.IdOf(b), Document: b) }.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();

        var manifest = TrustedDocumentsFile.Format([b, a, b]);

        Assert.Equal($"{{\n  \"{ids[0].Id}\": \"{ids[0].Document}\",\n  \"{ids[1].Id}\": \"{ids[1].Document}\"\n}}\n", manifest);
    }

    [Fact]
    public void Quotes_angle_brackets_and_line_breaks_stay_readable_JSON_escapes()
    {
        var manifest = TrustedDocumentsFile.Format(["query Q {\n  search(term: \"<b>\") { __typename }\n}\n"]);

        Assert.Contains("""search(term: \"<b>\")""", manifest, StringComparison.Ordinal);
        Assert.Contains("""query Q {\n  search""", manifest, StringComparison.Ordinal);
    }
}
