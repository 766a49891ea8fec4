using Diecast.ClientGenerator.Tests.Fixtures;
using Diecast.GraphQL.Client;

namespace Diecast.ClientGenerator.Tests;

/// <summary>
/// The compiled fixture client against canned responses: what it sends, and how it reads unions, interfaces,
/// fragments, nulls and mismatches. Requests to the real API are in Api.IntegrationTests/Client; the runtime on its own
/// (transport, malformed responses, GraphQL errors) in GraphQL.Client.Tests.
/// </summary>
public sealed class FixtureClientTests
{
    [Fact]
    public async Task Union_members_become_their_own_types_and_unknown_typenames_the_fallback()
    {
        var (client, _) = CannedResponses.Client("""
            {"data":{"__typename":"Query","search":[
              {"__typename":"Book","id":"B1","title":"Dune"},
              {"__typename":"Author","id":"A1","name":"Frank Herbert"},
              {"__typename":"Magazine"}]}}
            """);

        var result = await client.Search.ExecuteAsync("dune");

        result.EnsureNoErrors();
        Assert.Collection(result.Data!.Search,
            book => Assert.Equal("Dune", Assert.IsType<ISearch_Search_Book>(book, exactMatch: false).Title),
            author => Assert.Equal("Frank Herbert", Assert.IsType<ISearch_Search_Author>(author, exactMatch: false).Name),
            other => Assert.Equal("Magazine", Assert.IsType<Search_Search_Other>(other).__typename));
    }

    [Fact]
    public async Task Fragments_are_interfaces_of_the_results_that_spread_them()
    {
        var (client, _) = CannedResponses.Client("""
            {"data":{"__typename":"Query","books":{"__typename":"BooksConnection","totalCount":1,
              "nodes":[{"__typename":"Book","id":"B1","title":"Dune","price":12.50,"genre":"SCIENCE_FICTION","tags":["classic",null],"rating":4.5,
                        "author":{"__typename":"Author","id":"A1","name":"Frank Herbert"}}],
              "pageInfo":{"__typename":"PageInfo","hasNextPage":false,"endCursor":null}}}}
            """);

        var result = await client.Books.ExecuteAsync();

        IBookCard card = Assert.Single(result.Data!.Books!.Nodes!);
        Assert.Equal(("B1", "Dune", 12.50m, Genre.ScienceFiction), (card.Id, card.Title, card.Price, card.Genre));
        Assert.Equal(["classic", null], card.Tags);
        Assert.Equal("A1", card.Author!.Id);
        Assert.Equal("Frank Herbert", result.Data.Books.Nodes![0].Author!.Name);
        Assert.Null(result.Data.Books.PageInfo.EndCursor);
    }

    [Fact]
    public async Task A_fragment_spreading_a_fragment_with_an_object_field_gives_results_of_both_fragments()
    {
        var (client, _) = CannedResponses.Client("""
            {"data":{"__typename":"Query","books":{"__typename":"BooksConnection","nodes":[
              {"__typename":"Book","id":"B1","title":"Dune","price":12.50,"genre":"FANTASY","tags":[],
               "author":{"__typename":"Author","id":"A1"}}]}}}
            """);

        var result = await client.BooksWithCards.ExecuteAsync();

        var node = Assert.Single(result.Data!.Books!.Nodes!);
        IBookWithCard outer = node;
        IBookCard inner = node;
        Assert.Equal(("A1", "A1"), (outer.Author!.Id, inner.Author!.Id));
    }

    [Fact]
    public async Task A_field_shared_under_include_and_selected_again_for_one_type_reads_with_its_shared_sub_fields_missing()
    {
        var (client, _) = CannedResponses.Client("""
            {"data":{"__typename":"Query","node":{"__typename":"Book","history":{"__typename":"History","editedBy":"Ann"}}}}
            """);

        var result = await client.NodeHistory.ExecuteAsync("B1", withHistory: false);

        var book = Assert.IsType<INodeHistory_Node_Book>(result.Data!.Node, exactMatch: false);
        Assert.Equal(((int?)null, "Ann"), (book.History.Revisions, book.History.EditedBy));
        Assert.Null(((INodeHistory_Node)book).History!.Revisions);
    }

    [Fact]
    public async Task Interface_fields_dispatch_on_the_typename_and_scalars_map_to_their_CSharp_types()
    {
        var (client, _) = CannedResponses.Client("""
            {"data":{"__typename":"Query","node":{"__typename":"Book","id":"B1","title":"Dune","listPrice":"19.99",
              "reference":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","metadata":{"shelf":3},"pages":9007199254740993,
              "author":{"__typename":"Author","name":"Frank Herbert","born":"1920-10-08T00:00:00Z"}}}}
            """);

        var result = await client.NodeById.ExecuteAsync("B1");

        var book = Assert.IsType<INodeById_Node_Book>(result.Data!.Node, exactMatch: false);
        Assert.Equal(19.99m, book.ListPrice);
        Assert.Equal(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), book.Reference);
        Assert.Equal(3, book.Metadata!.Value.GetProperty("shelf").GetInt32());
        Assert.Equal(9007199254740993L, book.Pages);
        Assert.Equal(new DateTimeOffset(1920, 10, 8, 0, 0, 0, TimeSpan.Zero), book.Author!.Born);
    }

    [Fact]
    public async Task A_null_non_null_field_is_a_clear_client_error_not_a_silent_null()
    {
        var (client, _) = CannedResponses.Client("""
            {"data":{"__typename":"Query","books":{"__typename":"BooksConnection","totalCount":1,
              "nodes":[{"__typename":"Book","id":"B1","title":null,"price":1,"genre":"FANTASY","tags":[]}],
              "pageInfo":{"__typename":"PageInfo","hasNextPage":false}}}}
            """);

        var result = await client.Books.ExecuteAsync();

        Assert.Null(result.Data);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.InvalidData, error.Code);
        Assert.Equal("The non-null field 'data.books.nodes[0].title' is null in the response.", error.Message);
    }

    [Fact]
    public async Task An_enum_value_the_client_does_not_know_is_a_clear_client_error()
    {
        var (client, _) = CannedResponses.Client("""
            {"data":{"__typename":"Query","books":{"__typename":"BooksConnection","totalCount":1,
              "nodes":[{"__typename":"Book","id":"B1","title":"T","price":1,"genre":"POETRY","tags":[]}],
              "pageInfo":{"__typename":"PageInfo","hasNextPage":false}}}}
            """);

        var result = await client.Books.ExecuteAsync();

        Assert.Contains("\"POETRY\" at 'data.books.nodes[0].genre' is not a value of the enum Genre", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variables_left_out_take_their_defaults_and_inputs_send_only_what_was_set()
    {
        var (client, requests) = CannedResponses.Client("""{"data":null,"errors":[{"message":"x"}]}""");

        await client.Books.ExecuteAsync(where: new BookFilterInput { Genres = [Genre.MovieTv], MinPrice = null }, order: [BookSort.PriceDesc]);
        await client.AddBook.ExecuteAsync(new AddBookInput { Title = "Dune", AuthorId = "A1", PublishedOn = new DateTimeOffset(1965, 8, 1, 0, 0, 0, TimeSpan.Zero) });

        Assert.Equal("""{"where":{"genres":["MOVIE_TV"],"minPrice":null},"order":["PRICE_DESC"]}""", requests[0].GetProperty("variables").GetRawText());
        Assert.Equal("""{"input":{"title":"Dune","authorId":"A1","publishedOn":"1965-08-01T00:00:00+00:00"}}""", requests[1].GetProperty("variables").GetRawText());
        Assert.Equal(BooksQuery.Document, requests[0].GetProperty("query").GetString());
        Assert.Equal("Books", requests[0].GetProperty("operationName").GetString());
    }

    [Fact]
    public async Task Variables_named_like_generated_locals_are_sent_and_enum_values_starting_with_a_digit_are_read()
    {
        var (client, requests) = CannedResponses.Client("""
            {"data":{"__typename":"Query","books":{"__typename":"BooksConnection","nodes":[
              {"__typename":"Book","scale":"_1_18"},{"__typename":"Book","scale":"SCALE_1_64"}]},"author":null}}
            """);

        var result = await client.LocalNames.ExecuteAsync(writer: 3, x: "c", xValue: "A1", item0: [BookSort.TitleAsc]);

        Assert.Equal("""{"writer":3,"x":"c","xValue":"A1","item0":["TITLE_ASC"]}""", requests[0].GetProperty("variables").GetRawText());
        Assert.Equal([Scale._1_18, Scale.Scale1_64], result.Data!.Books!.Nodes!.Select(n => n.Scale!.Value));
    }

    [Fact]
    public async Task In_document_id_mode_only_the_id_is_sent()
    {
        var (client, requests) = CannedResponses.Client("""{"data":{"__typename":"Query","search":[]}}""", GraphQLDocumentMode.DocumentId);

        await client.Search.ExecuteAsync("x");

        Assert.False(requests[0].TryGetProperty("query", out _));
        Assert.Equal(SearchQuery.DocumentId, requests[0].GetProperty("documentId").GetString());
    }
}
