using Diecast.GraphQL.Client;
using Diecast.Storefront.Components;
using Diecast.Storefront.Seo;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Diecast.Storefront.Pages.Cars;

/// <summary>
/// The catalog, <c>/cars</c>: one page of cars with the filters' counts, all of it in the URL (<see cref="CatalogQuery"/>,
/// <see cref="CatalogUrl"/>), from one API request (CatalogPage.graphql).
/// </summary>
public sealed class IndexModel(IDiecastClient client, SiteUrls urls, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>Cars per page: six rows of the desktop grid's four, eight of three, twelve of a phone's two.</summary>
    public const int PageSize = 24;

    /// <summary>How wide a card's picture is drawn: the grid beside the 16rem filters (4, 3 or 2 columns).</summary>
    public const string CardSizes = "(min-width: 80rem) 15rem, (min-width: 64rem) 20vw, (min-width: 48rem) 30vw, 50vw";

    /// <summary>The API's code for a cursor it did not issue, or issued for another ordering.</summary>
    private const string InvalidCursor = "HC0078";

    public CatalogQuery Listing { get; private set; } = CatalogQuery.Empty;

    public IReadOnlyList<ICatalogPage_Products_Nodes> Cars { get; private set; } = [];

    public ICatalogPage_ProductFacets? Facets { get; private set; }

    /// <summary>What the shopper should know about the URL: values left out or corrected.</summary>
    public List<string> Notices { get; } = [];

    /// <summary>The next page's address, when there is one.</summary>
    public string? NextUrl { get; private set; }

    /// <summary>The previous page's address, when there is one.</summary>
    public string? PreviousUrl { get; private set; }

    /// <summary>The API could not be asked: the page says so instead of listing.</summary>
    public bool Unavailable { get; private set; }

    /// <summary>The listing's address without cursors: every page of it is one listing.</summary>
    public string ListingUrl => CatalogUrl.For(Listing.FirstPage());

    /// <summary>
    /// The canonical URL: the listing without cursors and in the usual order. Another order is the same cars rearranged,
    /// so search engines are asked to index one of them (Google's advice for sorted and paginated listings), not five.
    /// </summary>
    public string CanonicalUrl => CatalogUrl.For(Listing.FirstPage() with { Sort = CatalogSort.Featured });

    public string Heading => Listing switch
    {
        { Search: { } search } => $"Results for “{search}”",
        { Genres: [var genre], Brands: [], Scales: [] } => $"{CatalogUrl.GenreLabel(genre)} model cars",
        { Brands: [var brand], Genres: [], Scales: [] } => $"{brand} model cars",
        _ => "Model cars",
    };

    public Breadcrumbs Crumbs => Listing.Search is null && !Listing.HasFilters
        ? Breadcrumbs.Of(new Crumb("Cars", CatalogUrl.Path))
        : Breadcrumbs.Of(new Crumb("Cars", CatalogUrl.Path), new Crumb(Heading, ListingUrl));

    public PagerModel Pager => new(PreviousUrl, NextUrl, "Catalogue pages");

    /// <summary>"₹500 to ₹2,000", "from ₹500", "up to ₹2,000".</summary>
    public string PriceRangeLabel => (Listing.MinPrice, Listing.MaxPriceFilter) switch
    {
        ({ } min, { } max) => $"{Money.Format(min)} to {Money.Format(max)}",
        ({ } min, null) => $"From {Money.Format(min)}",
        (null, { } max) => $"Up to {Money.Format(max)}",
        _ => "",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Listing = CatalogQuery.Parse(Request.Query);
        ViewData[SiteSearch.ViewDataKey] = Listing.Search;
        Notices.AddRange(Listing.Notices);
        SetPageMeta();

        var result = await LoadAsync(Listing, cancellationToken);
        if (result.Errors.Any(e => e.Code == InvalidCursor) && (Listing.After ?? Listing.Before) is not null)
        {
            // A cursor from another ordering or an old key ring: the listing is still good, its page is not.
            Notices.Add("That page link no longer works, so here is the first page.");
            Listing = Listing.FirstPage();
            result = await LoadAsync(Listing, cancellationToken);
        }

        if (result.IsErrorResult() || result.Data is not { } data)
        {
            logger.LogWarning("The catalog could not be loaded: {Errors}", string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Message}")));
            Unavailable = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        Cars = data.Products?.Nodes ?? [];
        Facets = data.ProductFacets;
        if (data.Products?.PageInfo is { } pageInfo)
        {
            // Forwards, hasPreviousPage only says a cursor was given; backwards, hasNextPage does. Both are what a link needs.
            if (pageInfo.HasNextPage && pageInfo.EndCursor is { } end)
            {
                NextUrl = CatalogUrl.For(Listing.FirstPage() with { After = end });
            }

            if (pageInfo.HasPreviousPage && pageInfo.StartCursor is { } start)
            {
                PreviousUrl = CatalogUrl.For(Listing.FirstPage() with { Before = start });
            }
        }
    }

    private void SetPageMeta() => ViewData.SetPageMeta(new PageMeta
    {
        Title = Heading,
        Description = Listing.Genres is [var genre]
            ? $"{CatalogUrl.GenreLabel(genre)} diecast model cars from 1:64 to 1:18, priced in ₹ and shipped across India."
            : "Every diecast model car in the shop: filter by brand, genre, scale, price and availability.",
        // Every page of a listing has the listing's first page as canonical; searches and combined filters are endless
        // variations of the catalogue, so only the catalogue, one genre or one brand asks to be indexed.
        CanonicalPath = CanonicalUrl,
        NoIndex = Listing.Search is not null || (Listing.HasFilters && Listing is not ({ Genres: [_], Brands: [], Scales: [], Availability: [], MinPrice: null, MaxPriceFilter: null }
            or { Brands: [_], Genres: [], Scales: [], Availability: [], MinPrice: null, MaxPriceFilter: null })),
        JsonLd = [Crumbs.ToJsonLd(urls, Request)],
    });

    /// <summary>The URL of this listing changed by <paramref name="change"/>, from its first page.</summary>
    public string UrlWith(Func<CatalogQuery, CatalogQuery> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return CatalogUrl.For(change(Listing.FirstPage()));
    }

    private Task<IOperationResult<ICatalogPageResult>> LoadAsync(CatalogQuery listing, CancellationToken cancellationToken)
    {
        var backwards = listing.Before is not null;
        return client.CatalogPage.ExecuteAsync(
            first: backwards ? null : PageSize,
            after: listing.After,
            last: backwards ? PageSize : null,
            before: listing.Before,
            where: CatalogFilters.Where(listing),
            order: CatalogFilters.Order(listing),
            search: listing.Search,
            availability: listing.Availability.Count > 0 ? listing.Availability : null,
            priceWhere: CatalogFilters.PriceWhere(listing),
            selected: CatalogFilters.Selection(listing),
            cancellationToken: cancellationToken);
    }
}
