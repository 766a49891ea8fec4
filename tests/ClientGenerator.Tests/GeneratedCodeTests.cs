using System.Globalization;
using System.Text;
using System.Text.Json;
using Diecast.ClientGenerator.Diagnostics;
using Diecast.GraphQL.Client;
using Snapshooter.Xunit;

namespace Diecast.ClientGenerator.Tests;

/// <summary>
/// The generated code for the fixture operations, compared with the approved snapshot. The same code is also compiled
/// into this test project by the build (FixtureClient), so the snapshot shows code that is known to compile cleanly.
/// </summary>
public sealed class GeneratedCodeTests
{
    [Fact]
    public void The_fixture_client_matches_the_approved_code()
    {
        var result = Fixture.Generate([.. Fixture.Operations]);

        Assert.Empty(result.Diagnostics);
        Snapshot.Match(result.Code!);
    }

    [Fact]
    public void The_trusted_documents_manifest_matches_the_approved_one()
    {
        var result = Fixture.Generate([.. Fixture.Operations]);

        Snapshot.Match(result.Manifest!);
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    public void Generating_again_in_another_file_order_and_culture_gives_the_same_bytes(string culture)
    {
        var first = Fixture.Generate([.. Fixture.Operations]);
        // Files as another machine's file system might list them (the fixture list is sorted), and what each
        // operation is made of split over more files than it was written in.
        var split = Fixture.Operations
            .SelectMany(f => f.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select((part, i) => new SourceFile($"{f.Path}.{i}", part)))
            .OrderBy(f => f.Text.Length).ThenByDescending(f => f.Path, StringComparer.Ordinal)
            .ToArray();
        Assert.NotEqual(split.Select(f => f.Path).Order(StringComparer.Ordinal), split.Select(f => f.Path));

        var (currentCulture, currentUICulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        GeneratorResult second;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            // The culture really is in force (this test project turns invariant globalization off).
            Assert.Equal(culture == "tr-TR" ? "İ" : "I", "i".ToUpper(CultureInfo.CurrentCulture));
            second = Fixture.Generate(split);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (currentCulture, currentUICulture);
        }

        Assert.Empty(second.Diagnostics);
        Assert.Equal(Encoding.UTF8.GetBytes(first.Code!), Encoding.UTF8.GetBytes(second.Code!));
        Assert.Equal(Encoding.UTF8.GetBytes(first.Manifest!), Encoding.UTF8.GetBytes(second.Manifest!));
    }

    [Fact]
    public void The_manifest_maps_the_hash_of_each_sent_document_to_it()
    {
        var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(Fixture.Generate([.. Fixture.Operations]).Manifest!)!;

        Assert.Equal(Fixtures.FixtureClient.Documents.Order(StringComparer.Ordinal), manifest.Values.Order(StringComparer.Ordinal));
        Assert.All(manifest, entry => Assert.Equal(TrustedDocumentsFile.IdOf(entry.Value), entry.Key));
        Assert.Equal(Fixtures.BooksQuery.DocumentId, TrustedDocumentsFile.IdOf(Fixtures.BooksQuery.Document));
    }

    [Fact]
    public void Every_selection_set_of_a_sent_document_asks_for_the_typename()
    {
        Assert.Equal(
            """
            query Search($term: String!) {
              __typename
              search(term: $term) {
                __typename
                ... on Book {
                  __typename
                  id
                  title
                }
                ... on Author {
                  __typename
                  id
                  name
                }
              }
            }

            """,
            Fixtures.SearchQuery.Document);
    }

    [Fact]
    public void A_typename_under_a_condition_or_an_alias_does_not_stand_for_the_one_the_reader_needs()
    {
        var result = Fixture.Generate(new SourceFile("Typename.graphql",
            "query T($x: Boolean!) { books { __typename @include(if: $x) kind: __typename totalCount } }"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            """
            query T($x: Boolean!) {
              __typename
              books {
                __typename
                __typename @include(if: $x)
                kind: __typename
                totalCount
              }
            }

            """,
            Assert.Single(JsonSerializer.Deserialize<Dictionary<string, string>>(result.Manifest!)!.Values));
    }
}
