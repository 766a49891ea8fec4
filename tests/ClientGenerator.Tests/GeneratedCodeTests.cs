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

    [Fact]
    public void Generating_twice_gives_the_same_bytes()
    {
        var first = Fixture.Generate([.. Fixture.Operations]);
        var second = Fixture.Generate([.. Fixture.Operations.Reverse()]);

        Assert.Equal(first.Code, second.Code);
        Assert.Equal(first.Manifest, second.Manifest);
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
