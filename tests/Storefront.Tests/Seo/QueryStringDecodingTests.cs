using Diecast.Storefront.Seo;

namespace Diecast.Storefront.Tests.Seo;

public sealed class QueryStringDecodingTests
{
    [Theory]
    [InlineData("?q=%FF", "\uFFFD")]
    [InlineData("?q=%80", "\uFFFD")]
    [InlineData("?q=%C0%AF", "\uFFFD\uFFFD")] // overlong: each byte is invalid on its own
    [InlineData("?q=%ED%A0%80", "\uFFFD\uFFFD\uFFFD")] // a surrogate is not a character in UTF-8
    [InlineData("?q=%E2%82", "\uFFFD")] // cut short
    [InlineData("?q=%E2%82x", "\uFFFDx")]
    [InlineData("?q=%F4%90%80%80", "\uFFFD\uFFFD\uFFFD\uFFFD")]
    [InlineData("?q=caf%C3%A9+%FF", "café \uFFFD")] // the valid parts kept, '+' a space
    [InlineData("?q=%FF%", "\uFFFD%")] // a stray '%' stays
    public void Bytes_that_are_not_UTF8_become_the_replacement_character(string query, string expected)
    {
        var decoded = QueryStringDecoding.Decode(query);

        Assert.NotNull(decoded);
        Assert.Equal(expected, decoded["q"].ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=caf%C3%A9")]
    [InlineData("?q=%E2%82%AC&brand=Mini+GT")]
    [InlineData("?q=%F0%9F%9A%97")] // an emoji: four bytes, valid
    [InlineData("?q=%00")] // valid UTF-8: the pages' own rules handle control characters
    [InlineData("?q=100%")]
    public void A_query_that_is_UTF8_is_left_to_ASP_NET_Core(string query) =>
        Assert.Null(QueryStringDecoding.Decode(query));

    [Fact]
    public void Every_parameter_is_kept_with_its_repeats_and_only_broken_values_change()
    {
        var decoded = QueryStringDecoding.Decode("?brand=Mini+GT&brand=%FF&genre=jdm&%FFname=x&empty");

        Assert.NotNull(decoded);
        Assert.Equal("Mini GT|\uFFFD", string.Join("|", decoded["brand"].ToArray()));
        Assert.Equal("jdm", decoded["genre"].ToString());
        Assert.Equal("x", decoded["\uFFFDname"].ToString());
        Assert.Equal("", decoded["empty"].ToString());
    }
}
