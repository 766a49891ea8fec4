using System.Buffers;
using System.Globalization;
using System.Text;
using Diecast.Storefront.Seo;
using Microsoft.Extensions.Primitives;

namespace Diecast.Storefront.Pages.Cars;

/// <summary>The catalog's orders, as the URL's <c>sort</c> spells them (<see cref="CatalogUrl.SortSlug"/>).</summary>
public enum CatalogSort
{
    /// <summary>The default: featured models first, then newest; with a search, the best match first.</summary>
    Featured,
    PriceAsc,
    PriceDesc,
    Newest,
    Name,
}

/// <summary>
/// Everything a catalog listing is, as its URL says it (see <see cref="CatalogUrl"/> for the spelling). Read from any
/// query string by <see cref="Parse"/>, which never fails: what it cannot use it leaves out or corrects, and says so in
/// <see cref="Notices"/> for the page to show.
/// </summary>
public sealed record CatalogQuery
{
    /// <summary>The API refuses longer searches (ProductSearch.MaxSearchLength); longer ones are cut here.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>Values of one facet beyond this are ignored: no shopper ticks more, and each is a value in the API call.</summary>
    public const int MaxValuesPerFacet = 20;

    /// <summary>Prices are whole rupees up to one crore (the dearest model is far below).</summary>
    public const int MaxPrice = 1_00_00_000;

    /// <summary>The API refuses longer cursors unread (CursorCodec); they are URL-safe base64.</summary>
    public const int MaxCursorLength = 2_048;

    private const int MaxBrandLength = 80;

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private static readonly SearchValues<char> CursorCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/");

    public static CatalogQuery Empty { get; } = new();

    public string? Search { get; init; }

    public IReadOnlyList<string> Brands { get; init; } = [];

    public IReadOnlyList<Genre> Genres { get; init; } = [];

    public IReadOnlyList<string> Scales { get; init; } = [];

    /// <summary>Lowest price in whole rupees, inclusive.</summary>
    public int? MinPrice { get; init; }

    /// <summary>Highest price in whole rupees, inclusive.</summary>
    public int? MaxPriceFilter { get; init; }

    public IReadOnlyList<ProductAvailability> Availability { get; init; } = [];

    public CatalogSort Sort { get; init; }

    /// <summary>The API's cursor of the row the page starts after (forwards).</summary>
    public string? After { get; init; }

    /// <summary>The API's cursor of the row the page ends before (backwards).</summary>
    public string? Before { get; init; }

    /// <summary>What <see cref="Parse"/> ignored or corrected, in words for the shopper.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>Whether any facet or the price range narrows the listing (the search is not a filter).</summary>
    public bool HasFilters => Brands.Count > 0 || Genres.Count > 0 || Scales.Count > 0 || MinPrice is not null || MaxPriceFilter is not null || Availability.Count > 0;

    /// <summary>The same listing from its first page.</summary>
    public CatalogQuery FirstPage() => this with { After = null, Before = null, Notices = [] };

    /// <summary>The same search and sort, without facets and price (what an empty result offers).</summary>
    public CatalogQuery WithoutFilters() => FirstPage() with { Brands = [], Genres = [], Scales = [], MinPrice = null, MaxPriceFilter = null, Availability = [] };

    /// <summary>Reads a catalog query string. Never throws; see the README's catalog section for each rule.</summary>
    public static CatalogQuery Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var notices = new List<string>();

        var search = CleanSearch(First(query, "q"), notices);
        var brands = Many(query, "brand", notices, "brands", value =>
            value.Length is > 0 and <= MaxBrandLength && !value.Any(c => char.IsControl(c) || c == QueryStringDecoding.Replacement) ? value.Trim() : null, "brand");
        var genres = Many(query, "genre", notices, "genres", value => CatalogUrl.TryParseGenre(value, out var genre) ? genre : (Genre?)null, "genre");
        var scales = Many(query, "scale", notices, "scales", value => IsScale(value) ? value : null, "scale");
        var availability = Many(query, "availability", notices, "availabilities", value => CatalogUrl.TryParseAvailability(value, out var a) ? a : (ProductAvailability?)null, "availability");
        var min = Price(First(query, "min"), "lowest", notices);
        var max = Price(First(query, "max"), "highest", notices);
        if (min is { } low && max is { } high && low > high)
        {
            (min, max) = (high, low);
            notices.Add("The lowest price was above the highest, so we swapped them.");
        }

        var sort = CatalogSort.Featured;
        if (First(query, "sort") is { Length: > 0 } sortValue && !CatalogUrl.TryParseSort(sortValue, out sort))
        {
            sort = CatalogSort.Featured;
            notices.Add($"We do not know the order “{Shorten(sortValue)}”, so the list is in our usual order.");
        }

        var after = Cursor(First(query, "after"), notices);
        var before = Cursor(First(query, "before"), notices);
        if (after is not null && before is not null)
        {
            before = null;
            notices.Add("The link asked for two pages at once; here is the later one.");
        }

        return new CatalogQuery
        {
            Search = search,
            Brands = brands,
            Genres = genres,
            Scales = scales,
            MinPrice = min,
            MaxPriceFilter = max,
            Availability = availability,
            Sort = sort,
            After = after,
            Before = before,
            Notices = notices,
        };
    }

    /// <summary>"1:18", "1:64", "1:8": how the catalog writes scales.</summary>
    public static bool IsScale(string value) =>
        value.Length is >= 3 and <= 6 && value.StartsWith("1:", StringComparison.Ordinal) && value[2] != '0' && !value.AsSpan(2).ContainsAnyExcept(Digits);

    /// <summary>A repeated single-valued parameter counts once: the first wins, as a form would send it.</summary>
    private static string? First(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) : null;

    private static List<T> Many<T>(IQueryCollection query, string name, List<string> notices, string plural, Func<string, T?> parse, string singular)
        where T : struct
    {
        var result = new List<T>();
        if (!query.TryGetValue(name, out var values))
        {
            return result;
        }

        foreach (var value in Split(values))
        {
            if (parse(value) is not { } parsed)
            {
                notices.Add($"We do not know the {singular} “{Shorten(value)}”, so we left it out.");
            }
            else if (!result.Contains(parsed))
            {
                if (result.Count == MaxValuesPerFacet)
                {
                    notices.Add($"We used the first {MaxValuesPerFacet} {plural} of the link.");
                    break;
                }

                result.Add(parsed);
            }
        }

        return result;
    }

    private static List<string> Many(IQueryCollection query, string name, List<string> notices, string plural, Func<string, string?> parse, string singular)
    {
        var result = new List<string>();
        if (!query.TryGetValue(name, out var values))
        {
            return result;
        }

        foreach (var value in Split(values))
        {
            if (parse(value) is not { } parsed)
            {
                notices.Add($"We do not know the {singular} “{Shorten(value)}”, so we left it out.");
            }
            else if (!result.Contains(parsed, StringComparer.Ordinal))
            {
                if (result.Count == MaxValuesPerFacet)
                {
                    notices.Add($"We used the first {MaxValuesPerFacet} {plural} of the link.");
                    break;
                }

                result.Add(parsed);
            }
        }

        return result;
    }

    /// <summary>Empty values (an unticked form field, <c>brand=</c>) are no value at all.</summary>
    private static IEnumerable<string> Split(StringValues values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!);

    private static string? CleanSearch(string? value, List<string> notices)
    {
        if (value is null)
        {
            return null;
        }

        // One space between words, no control characters: what the shopper meant, and what the API's parser expects.
        var text = new StringBuilder(Math.Min(value.Length, MaxSearchLength + 1));
        var space = false;
        var unreadable = false;
        foreach (var c in value)
        {
            // U+FFFD: bytes of the link that were not text (QueryStringDecoding); nothing a shopper typed or a product has.
            unreadable |= c == QueryStringDecoding.Replacement;
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == QueryStringDecoding.Replacement)
            {
                space = text.Length > 0;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(c);
            if (text.Length > MaxSearchLength)
            {
                break;
            }
        }

        if (unreadable)
        {
            notices.Add("Part of the search could not be read as text, so we left it out.");
        }

        if (text.Length > MaxSearchLength)
        {
            notices.Add($"Searches are at most {MaxSearchLength} characters, so we searched for the start of yours.");
            var cut = text.ToString(0, MaxSearchLength);
            // Never split a surrogate pair.
            return (char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut).TrimEnd();
        }

        return text.Length == 0 ? null : text.ToString();
    }

    private static int? Price(string? value, string which, List<string> notices)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim().Replace(",", "", StringComparison.Ordinal).TrimStart('₹');
        // int.TryParse takes trailing NUL characters ("9\0" is 9): a price is digits only.
        if (!text.Any(char.IsControl) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rupees) && rupees <= MaxPrice)
        {
            return rupees;
        }

        notices.Add($"The {which} price “{Shorten(value)}” is not a whole number of rupees up to ₹1,00,00,000, so we left it out.");
        return null;
    }

    private static string? Cursor(string? value, List<string> notices)
    {
        if (value is null)
        {
            return null;
        }

        // The API's cursors are URL-safe base64; anything else cannot be one, and is not sent.
        if (value.Length <= MaxCursorLength && !value.AsSpan().ContainsAnyExcept(CursorCharacters))
        {
            return value;
        }

        notices.Add("That page link does not work (it may be cut short), so here is the first page.");
        return null;
    }

    private static string Shorten(string value)
    {
        var clean = new string([.. value.Where(c => !char.IsControl(c)).Take(41)]);
        return clean.Length > 40 ? clean[..40] + "…" : clean;
    }
}
