namespace Diecast.Storefront.Pages.Cars;

/// <summary>A <see cref="CatalogQuery"/> as the CatalogPage operation's variables.</summary>
public static class CatalogFilters
{
    /// <summary>Every filter, for the listing: facets ANDed, values of one facet ORed (<c>in</c>).</summary>
    public static ProductFilterInput? Where(CatalogQuery listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var filter = PriceWhere(listing) ?? new ProductFilterInput();
        var any = filter.Price is not null;
        if (listing.Brands.Count > 0)
        {
            filter.Brand = new StringOperationFilterInput { In = [.. listing.Brands] };
            any = true;
        }

        if (listing.Genres.Count > 0)
        {
            filter.Genre = new GenreOperationFilterInput { In = [.. listing.Genres] };
            any = true;
        }

        if (listing.Scales.Count > 0)
        {
            filter.Scale = new StringOperationFilterInput { In = [.. listing.Scales] };
            any = true;
        }

        return any ? filter : null;
    }

    /// <summary>The price range alone, for the facets (they apply the selections themselves).</summary>
    public static ProductFilterInput? PriceWhere(CatalogQuery listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (listing.MinPrice is null && listing.MaxPriceFilter is null)
        {
            return null;
        }

        var price = new DecimalOperationFilterInput();
        if (listing.MinPrice is { } min)
        {
            price.Gte = min;
        }

        if (listing.MaxPriceFilter is { } max)
        {
            price.Lte = max;
        }

        return new ProductFilterInput { Price = price };
    }

    /// <summary>The ticked facet values.</summary>
    public static ProductFacetSelectionInput Selection(CatalogQuery listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new ProductFacetSelectionInput
        {
            Brands = [.. listing.Brands],
            Genres = [.. listing.Genres],
            Scales = [.. listing.Scales],
            Availability = [.. listing.Availability],
        };
    }

    /// <summary>
    /// The order: the API breaks ties by id, so every order is total and keyset paging never repeats or skips a car.
    /// Featured with a search is the API's own best-match order (no order sent).
    /// </summary>
    public static IReadOnlyList<ProductSortInput>? Order(CatalogQuery listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing.Sort switch
        {
            CatalogSort.PriceAsc => [new ProductSortInput { Price = SortEnumType.Asc }],
            CatalogSort.PriceDesc => [new ProductSortInput { Price = SortEnumType.Desc }],
            CatalogSort.Newest => [new ProductSortInput { CreatedAt = SortEnumType.Desc }],
            CatalogSort.Name => [new ProductSortInput { Name = SortEnumType.Asc }],
            _ when listing.Search is not null => null,
            _ => [new ProductSortInput { IsFeatured = SortEnumType.Desc }, new ProductSortInput { CreatedAt = SortEnumType.Desc }],
        };
    }
}
