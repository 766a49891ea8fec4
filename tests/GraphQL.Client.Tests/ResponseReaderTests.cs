using System.Text.Json;

namespace Diecast.GraphQL.Client.Tests;

/// <summary>The checks generated readers rely on: each value against what the operation promises, with its path in the message.</summary>
public sealed class ResponseReaderTests
{
    [Fact]
    public void A_missing_or_null_non_null_field_names_its_path()
    {
        var missing = Assert.Throws<InvalidResponseDataException>(() => ResponseReader.Required(Json("{}"), "title", "data.book"));
        var isNull = Assert.Throws<InvalidResponseDataException>(() => ResponseReader.Required(Json("""{"title":null}"""), "title", "data.book"));

        Assert.Equal("The non-null field 'data.book.title' is missing from the response.", missing.Message);
        Assert.Equal("The non-null field 'data.book.title' is null in the response.", isNull.Message);
    }

    [Fact]
    public void A_nullable_field_may_be_null_or_absent_but_its_parent_must_be_an_object()
    {
        Assert.False(ResponseReader.TryGet(Json("""{"title":null}"""), "title", out _));
        Assert.False(ResponseReader.TryGet(Json("{}"), "title", out _));
        Assert.True(ResponseReader.TryGet(Json("""{"title":"Dune"}"""), "title", out var title));
        Assert.Equal("Dune", title.GetString());
        Assert.Throws<InvalidResponseDataException>(() => ResponseReader.TryGet(Json("[]"), "title", out _));
    }

    [Fact]
    public void A_value_of_the_wrong_kind_names_its_path_what_was_expected_and_what_came()
    {
        var exception = Assert.Throws<InvalidResponseDataException>(() => ResponseReader.ReadInt32(Json("\"12\""), "data.book.pages"));

        Assert.Equal("The value at 'data.book.pages' should be a 32-bit integer but is String: \"12\".", exception.Message);
    }

    [Fact]
    public void IDs_may_be_numbers_and_decimals_may_be_strings()
    {
        Assert.Equal("42", ResponseReader.ReadId(Json("42"), "id"));
        Assert.Equal("UHJvZHVjdDox", ResponseReader.ReadId(Json("\"UHJvZHVjdDox\""), "id"));
        Assert.Equal(19.99m, ResponseReader.ReadDecimal(Json("\"19.99\""), "price"));
        Assert.Equal(19.99m, ResponseReader.ReadDecimal(Json("19.99"), "price"));
    }

    [Fact]
    public void List_items_are_read_with_their_index_in_the_path_and_a_null_non_null_item_is_reported()
    {
        var paths = new List<string>();
        ResponseReader.ReadList(Json("[1,2]"), "data.ids", (item, path) =>
        {
            paths.Add(path);
            return ResponseReader.ReadInt32(item, path);
        });
        var exception = Assert.Throws<InvalidResponseDataException>(() =>
            ResponseReader.ReadList(Json("[1,null]"), "data.ids", (item, path) => ResponseReader.ReadInt32(ResponseReader.NonNullItem(item, path), path)));

        Assert.Equal(["data.ids[0]", "data.ids[1]"], paths);
        Assert.Equal("The non-null list item 'data.ids[1]' is null in the response.", exception.Message);
    }

    [Fact]
    public void A_custom_scalar_without_a_mapping_is_kept_as_JSON_that_outlives_the_response()
    {
        JsonElement value;
        using (var document = JsonDocument.Parse("""{"shelf":3}"""))
        {
            value = ResponseReader.ReadJson(document.RootElement, "metadata");
        }

        Assert.Equal(3, value.GetProperty("shelf").GetInt32());
    }

    [Fact]
    public void Long_values_are_cut_short_in_messages()
    {
        var exception = Assert.Throws<InvalidResponseDataException>(() => ResponseReader.ReadBoolean(Json($"\"{new string('x', 200)}\""), "flag"));

        Assert.EndsWith("…", exception.Message.TrimEnd('.'), StringComparison.Ordinal);
        Assert.True(exception.Message.Length < 160, exception.Message);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
