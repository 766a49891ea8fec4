using System.Text;

namespace Diecast.Storefront.Pages.Cars;

/// <summary>
/// Builds every link into the catalog, so that one listing has one spelling: <c>/cars?q=…&amp;brand=…&amp;genre=…&amp;scale=…
/// &amp;min=…&amp;max=…&amp;availability=…&amp;sort=…&amp;after=…|before=…</c>, parameters in that order, defaults left out
/// (<c>sort=featured</c>, no cursor). Genres are the API's enum values in lower-case kebab (<c>movie-tv</c>, <c>off-road</c>),
/// availabilities <c>in-stock</c>/<c>pre-order</c>, sorts <c>price-asc</c>, <c>price-desc</c>, <c>newest</c>, <c>name</c>.
/// </summary>
public static class CatalogUrl
{
    public const string Path = "/cars";

    private static readonly (Genre Genre, string Slug, string Label)[] GenreNames =
    [
        (Genre.Racing, "racing", "Racing"),
        (Genre.Supercar, "supercar", "Supercars"),
        (Genre.Classic, "classic", "Classics"),
        (Genre.Muscle, "muscle", "Muscle"),
        (Genre.Jdm, "jdm", "JDM"),
        (Genre.Rally, "rally", "Rally"),
        (Genre.OffRoad, "off-road", "Off-road"),
        (Genre.MovieTv, "movie-tv", "Movie & TV"),
        (Genre.Concept, "concept", "Concepts"),
    ];

    private static readonly (CatalogSort Sort, string Slug, string Label)[] SortNames =
    [
        (CatalogSort.Featured, "featured", "Featured"),
        (CatalogSort.PriceAsc, "price-asc", "Price: low to high"),
        (CatalogSort.PriceDesc, "price-desc", "Price: high to low"),
        (CatalogSort.Newest, "newest", "Newest"),
        (CatalogSort.Name, "name", "Name: A to Z"),
    ];

    /// <summary>Every genre in the shop's order, for menus.</summary>
    public static IReadOnlyList<Genre> Genres { get; } = [.. GenreNames.Select(g => g.Genre)];

    /// <summary>Every sort, the default first.</summary>
    public static IReadOnlyList<CatalogSort> Sorts { get; } = [.. SortNames.Select(s => s.Sort)];

    /// <summary>The catalog showing one genre, e.g. <c>/cars?genre=movie-tv</c> (the home page's genre links).</summary>
    public static string ForGenre(Genre genre) => For(new CatalogQuery { Genres = [genre] });

    /// <summary>The catalog showing one brand, e.g. <c>/cars?brand=Mini%20GT</c>.</summary>
    public static string ForBrand(string brand) => For(new CatalogQuery { Brands = [brand] });

    /// <summary>The catalog searched for <paramref name="search"/>.</summary>
    public static string ForSearch(string search) => For(new CatalogQuery { Search = search });

    /// <summary>The address of <paramref name="query"/>: its canonical spelling.</summary>
    public static string For(CatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = new StringBuilder(Path);
        var separator = '?';
        void Add(string name, string value)
        {
            url.Append(separator).Append(name).Append('=').Append(Escape(value));
            separator = '&';
        }

        if (query.Search is { Length: > 0 } search)
        {
            Add("q", search);
        }

        foreach (var brand in query.Brands)
        {
            Add("brand", brand);
        }

        foreach (var genre in query.Genres)
        {
            Add("genre", GenreSlug(genre));
        }

        foreach (var scale in query.Scales)
        {
            Add("scale", scale);
        }

        if (query.MinPrice is { } min)
        {
            Add("min", min.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (query.MaxPriceFilter is { } max)
        {
            Add("max", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var availability in query.Availability)
        {
            Add("availability", AvailabilitySlug(availability));
        }

        if (query.Sort != CatalogSort.Featured)
        {
            Add("sort", SortSlug(query.Sort));
        }

        if (query.After is { } after)
        {
            Add("after", after);
        }
        else if (query.Before is { } before)
        {
            Add("before", before);
        }

        return url.ToString();
    }

    public static string GenreSlug(Genre genre) => GenreNames.First(g => g.Genre == genre).Slug;

    public static string GenreLabel(Genre genre) => GenreNames.First(g => g.Genre == genre).Label;

    /// <summary>Reads a genre as the URL writes it; case and <c>_</c>/<c>-</c> do not matter (<c>MOVIE_TV</c> works too).</summary>
    public static bool TryParseGenre(string value, out Genre genre)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slug = value.Trim().Replace('_', '-').ToLowerInvariant();
        foreach (var (g, s, _) in GenreNames)
        {
            if (s == slug)
            {
                genre = g;
                return true;
            }
        }

        genre = default;
        return false;
    }

    public static string AvailabilitySlug(ProductAvailability availability) => availability switch
    {
        ProductAvailability.InStock => "in-stock",
        ProductAvailability.PreOrder => "pre-order",
        _ => throw new ArgumentOutOfRangeException(nameof(availability)),
    };

    public static string AvailabilityLabel(ProductAvailability availability) => availability switch
    {
        ProductAvailability.InStock => "In stock",
        ProductAvailability.PreOrder => "Pre-order",
        _ => throw new ArgumentOutOfRangeException(nameof(availability)),
    };

    public static bool TryParseAvailability(string value, out ProductAvailability availability)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Trim().Replace('_', '-').ToLowerInvariant())
        {
            case "in-stock":
                availability = ProductAvailability.InStock;
                return true;
            case "pre-order":
                availability = ProductAvailability.PreOrder;
                return true;
            default:
                availability = default;
                return false;
        }
    }

    public static string SortSlug(CatalogSort sort) => SortNames.First(s => s.Sort == sort).Slug;

    public static string SortLabel(CatalogSort sort) => SortNames.First(s => s.Sort == sort).Label;

    public static bool TryParseSort(string value, out CatalogSort sort)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slug = value.Trim().ToLowerInvariant();
        foreach (var (s, name, _) in SortNames)
        {
            if (name == slug)
            {
                sort = s;
                return true;
            }
        }

        sort = default;
        return false;
    }

    /// <summary>Percent-encodes a value, keeping the scale's colon readable (<c>scale=1:18</c>, which RFC 3986 allows in a query).</summary>
    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%3A", ":", StringComparison.Ordinal);
}
