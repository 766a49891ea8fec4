namespace Diecast.Storefront.Components;

/// <summary>One of the API's genres (enum Genre) as shoppers read it, and its catalog link.</summary>
public sealed record GenreLink(string ApiValue, string Label)
{
    /// <summary>
    /// The catalog's URL value: the API's enum value in lower-case kebab (MOVIE_TV → movie-tv).
    /// REVIEW: catalog owns the query string (model14.md); switch to its CatalogUrl helper when it lands.
    /// </summary>
    public string UrlValue => ApiValue.ToLowerInvariant().Replace('_', '-');

    public string CatalogHref => "/cars?genre=" + UrlValue;
}

/// <summary>The API's genres, in the order the shop presents them. Written out, as the generated client only knows
/// the enums its operations use.</summary>
public static class Genres
{
    public static IReadOnlyList<GenreLink> All { get; } =
    [
        new("RACING", "Racing"),
        new("SUPERCAR", "Supercars"),
        new("CLASSIC", "Classics"),
        new("MUSCLE", "Muscle"),
        new("JDM", "JDM"),
        new("RALLY", "Rally"),
        new("OFF_ROAD", "Off-road"),
        new("MOVIE_TV", "Movie & TV"),
        new("CONCEPT", "Concepts"),
    ];

    public static GenreLink? ByApiValue(string apiValue) => All.FirstOrDefault(g => string.Equals(g.ApiValue, apiValue, StringComparison.OrdinalIgnoreCase));
}
