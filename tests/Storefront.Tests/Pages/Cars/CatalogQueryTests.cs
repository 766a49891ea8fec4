using Diecast.Storefront.Pages.Cars;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Diecast.Storefront.Tests.Pages.Cars;

/// <summary>The catalog's URL model: any query string reads as a listing, and every listing has one spelling.</summary>
public sealed class CatalogQueryTests
{
    [Fact]
    public void A_listing_reads_back_from_the_url_it_builds()
    {
        var listing = new CatalogQuery
        {
            Search = "ferrari 250 gto",
            Brands = ["Mini GT", "AutoArt"],
            Genres = [Genre.MovieTv, Genre.OffRoad],
            Scales = ["1:18", "1:64"],
            MinPrice = 500,
            MaxPriceFilter = 12000,
            Availability = [ProductAvailability.InStock, ProductAvailability.PreOrder],
            Sort = CatalogSort.PriceDesc,
            After = "CfDJ8abc-_x",
        };

        var url = CatalogUrl.For(listing);
        var read = Parse(url);

        Assert.Equal("/cars?q=ferrari%20250%20gto&brand=Mini%20GT&brand=AutoArt&genre=movie-tv&genre=off-road&scale=1:18&scale=1:64&min=500&max=12000&availability=in-stock&availability=pre-order&sort=price-desc&after=CfDJ8abc-_x", url);
        Assert.Equal(url, CatalogUrl.For(read));
        Assert.Empty(read.Notices);
    }

    [Fact]
    public void Defaults_are_left_out_of_the_url()
    {
        Assert.Equal("/cars", CatalogUrl.For(CatalogQuery.Empty));
        Assert.Equal("/cars?genre=movie-tv", CatalogUrl.ForGenre(Genre.MovieTv));
        Assert.Equal("/cars", CatalogUrl.For(Parse("/cars?sort=featured&q=%20%20&min=&max=&brand=&genre=")));
    }

    [Theory]
    [InlineData("genre=MOVIE_TV", "/cars?genre=movie-tv")]
    [InlineData("genre=Off-Road", "/cars?genre=off-road")]
    [InlineData("q=%20%20ferrari%09%0A%20gto%20", "/cars?q=ferrari%20gto")]
    [InlineData("min=1%2C29%2C999", "/cars?min=129999")]
    [InlineData("genre=racing&genre=racing&brand=Kyosho&brand=Kyosho", "/cars?brand=Kyosho&genre=racing")]
    [InlineData("sort=price-asc&sort=name", "/cars?sort=price-asc")]
    [InlineData("q=first&q=second", "/cars?q=first")]
    public void Sloppy_but_meaningful_values_are_read_as_meant(string query, string expected)
    {
        var listing = Parse("/cars?" + query);

        Assert.Equal(expected, CatalogUrl.For(listing));
        Assert.Empty(listing.Notices);
    }

    [Theory]
    [InlineData("genre=spaceship", "/cars")]
    [InlineData("genre=racing&genre=%3Cscript%3E", "/cars?genre=racing")]
    [InlineData("scale=huge&scale=1:18&scale=1:0&scale=1:1234567", "/cars?scale=1:18")]
    [InlineData("availability=maybe", "/cars")]
    [InlineData("sort=cheapest", "/cars")]
    [InlineData("min=-5&max=abc", "/cars")]
    [InlineData("max=99999999999999999999", "/cars")]
    [InlineData("min=1.5", "/cars")]
    [InlineData("after=not%20a%20cursor%21", "/cars")]
    [InlineData("after=abc&before=def", "/cars?after=abc")]
    public void Values_that_mean_nothing_are_left_out_and_said(string query, string expected)
    {
        var listing = Parse("/cars?" + query);

        Assert.Equal(expected, CatalogUrl.For(listing));
        Assert.NotEmpty(listing.Notices);
    }

    [Fact]
    public void A_reversed_price_range_is_swapped()
    {
        var listing = Parse("/cars?min=5000&max=1000");

        Assert.Equal((1000, 5000), (listing.MinPrice!.Value, listing.MaxPriceFilter!.Value));
        Assert.Contains(listing.Notices, n => n.Contains("swapped", StringComparison.Ordinal));
    }

    [Fact]
    public void A_very_long_search_is_cut_to_what_the_API_takes()
    {
        var listing = Parse("/cars?q=" + new string('a', 5000) + "%20" + new string('b', 10));

        Assert.Equal(CatalogQuery.MaxSearchLength, listing.Search!.Length);
        Assert.NotEmpty(listing.Notices);
    }

    [Fact]
    public void Many_values_of_one_facet_are_capped()
    {
        var query = string.Join('&', Enumerable.Range(0, 500).Select(i => $"brand=Brand{i}"));
        var listing = Parse("/cars?" + query);

        Assert.Equal(CatalogQuery.MaxValuesPerFacet, listing.Brands.Count);
        Assert.Single(listing.Notices);
    }

    [Fact]
    public void Notices_quote_at_most_a_short_cleaned_piece_of_the_value()
    {
        var listing = Parse("/cars?genre=" + Uri.EscapeDataString("\u0001" + new string('x', 300)));

        var notice = Assert.Single(listing.Notices);
        Assert.DoesNotContain('\u0001', notice);
        Assert.True(notice.Length < 120, notice);
    }

    private static CatalogQuery Parse(string url)
    {
        var query = url.Contains('?', StringComparison.Ordinal) ? url[url.IndexOf('?', StringComparison.Ordinal)..] : "";
        return CatalogQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)));
    }
}
