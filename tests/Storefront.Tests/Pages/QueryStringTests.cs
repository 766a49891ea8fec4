using System.Net;
using Diecast.Storefront.Tests.Infrastructure;

namespace Diecast.Storefront.Tests.Pages;

/// <summary>
/// Query strings a page cannot use as they are: bytes that are not UTF-8 in any parameter a page reads, control
/// characters, and the empty parameters a GET form leaves. Against the demo shop.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class QueryStringTests(ShopFixture shop)
{
    /// <summary>Escaped bytes that are not UTF-8, one of each kind.</summary>
    public static readonly string[] NotUtf8 =
    [
        "%FF", // never in UTF-8
        "%80", // a continuation byte alone
        "%C0%AF", // an overlong "/"
        "%ED%A0%80", // a lone surrogate (U+D800)
        "%E2%82", // "€" cut short
        "%F4%90%80%80", // above U+10FFFF
    ];

    /// <summary>Valid UTF-8, yet not text a shopper types.</summary>
    public static readonly string[] ControlCharacters = ["%00", "%01", "%1B", "%7F"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var parameter in new[] { "/cars?q=caf{0}", "/cars?brand=Mini{0}GT", "/cars?genre={0}", "/cars?scale=1:{0}18", "/cars?min={0}", "/cars?max=9{0}",
                     "/cars?availability={0}", "/cars?sort=price{0}", "/cars?after=abc{0}", "/journal?tag=rally{0}", "/journal?before={0}" })
        {
            foreach (var bytes in NotUtf8.Concat(ControlCharacters))
            {
                data.Add(parameter, bytes);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bytes_that_are_not_text_in_any_parameter_are_left_out_and_said_never_echoed(string template, string bytes)
    {
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, bytes);

        var page = await shop.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // Not echoed still escaped (the old "%FF" in the heading and the search box), nor as the raw control character.
        Assert.DoesNotContain(bytes, page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(page.Html, c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        var searchBox = page.Document.QuerySelector("#site-search")!.GetAttribute("value") ?? "";
        Assert.DoesNotContain('\uFFFD', searchBox);
        // The shopper is told something was left out (a search's stray control character is only a space: no notice).
        if (!(template.Contains("?q=", StringComparison.Ordinal) && ControlCharacters.Contains(bytes)))
        {
            Assert.NotNull(page.Document.QuerySelector("[role=status]"));
        }
    }

    [Fact]
    public async Task A_search_with_bytes_that_are_not_text_searches_for_the_rest()
    {
        var page = await shop.GetPageAsync("/cars?q=Sky%FFline");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Results for “Sky line”", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Sky line", page.Document.QuerySelector("#catalog-q")!.GetAttribute("value"));
        Assert.Contains("could not be read", page.Document.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/cars?q=&min=&max=&genre=jdm", "/cars?genre=jdm")]
    [InlineData("/cars?q=&brand=&min=&max=", "/cars")]
    [InlineData("/cars?genre=jdm&min=+&max=%20&sort=name", "/cars?genre=jdm&sort=name")]
    [InlineData("/cars?Q=&genre=jdm", "/cars?genre=jdm")]
    [InlineData("/cars?genre=jdm&min", "/cars?genre=jdm")]
    [InlineData("/cars?&&genre=jdm&&min=", "/cars?genre=jdm")]
    [InlineData("/journal?tag=", "/journal")]
    public async Task Empty_parameters_a_form_leaves_are_redirected_to_the_clean_address(string path, string location)
    {
        var page = await shop.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, page.Status);
        Assert.Equal(location, page.Response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/cars?genre=jdm&utm_source=")] // not the page's parameter: left as it is
    [InlineData("/cars?genre=jdm")]
    [InlineData("/about?q=")] // a page that reads no parameters
    public async Task Addresses_without_empty_parameters_of_the_page_are_answered_as_they_are(string path)
    {
        var page = await shop.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Theory]
    [InlineData("/cars?sort=price-asc", "https://shop.example/cars")]
    [InlineData("/cars?sort=newest", "https://shop.example/cars")]
    [InlineData("/cars?genre=jdm&sort=name", "https://shop.example/cars?genre=jdm")]
    [InlineData("/cars?brand=Mini%20GT&sort=price-desc", "https://shop.example/cars?brand=Mini%20GT")]
    public async Task Every_order_of_a_listing_names_the_usual_order_as_canonical(string path, string canonical)
    {
        var page = await shop.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(canonical, page.Document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(canonical, page.Document.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
    }
}
