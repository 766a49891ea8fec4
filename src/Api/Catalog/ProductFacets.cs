using System.Globalization;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Querying.Filtering;
using GraphQL.Validation.Complexity;

namespace Diecast.Api.Catalog;

/// <summary>
/// <c>productFacets(where:, search:, selected:)</c>: how many products each brand, genre, scale and availability would
/// show, for the storefront's catalog filters. Counts are disjunctive, as shops count them: a brand's count applies
/// every selection except the brands', so ticking a second brand adds its count to the listing.
/// </summary>
/// <remarks>
/// One SQL statement: the products matching <c>where</c> and <c>search</c> grouped by the combination of brand, genre,
/// scale, status and whether any unit is in stock (with the count and price bounds of each group). Each facet's counts
/// are then sums over those groups, so the selections cost no further query. The groups are bounded by the
/// catalog's variety (18 brands × 9 genres × 5 scales × 4 statuses × 2 in the demo; at most a few thousand rows),
/// not by its size. PostgreSQL's GROUPING SETS would return the four facets' counts directly, but not disjunctive
/// ones, which need one grouping per facet with its own selection left out; the combination grouping serves them all.
/// </remarks>
public static class ProductFacetQueries
{
    public const string FieldName = "productFacets";

    private static readonly ProductFilterInputGraphType FilterDefinition = new();

    public static void AddProductFacetQueries(this ObjectGraphType query)
    {
        var field = query.Field<NonNullGraphType<ProductFacetsGraphType>>(FieldName)
            .Description("How many products each brand, genre, scale and availability would show, for catalog filters. `where` and `search` narrow every count as on `products`; `selected` holds the facet values chosen, and each facet's counts apply every selection but its own (a brand's count is what ticking it adds). Public.")
            .Argument<ProductFilterInputGraphType>("where", "Narrows every count, as `products(where:)` does (e.g. a price range).")
            .Argument<StringGraphType>(ProductSearch.Argument, "Full-text search, as `products(search:)`.")
            .Argument<ProductFacetSelectionInputGraphType>("selected", "The facet values the shopper chose.")
            .ResolveAsync(ResolveAsync);
        // It reads every matching row (a count's worth, grouped), so it weighs what `totalCount` does, plus what the
        // where's text patterns weigh on a connection; a search adds nothing further, since no rank is computed.
        field.FieldType.WithComplexityImpact(context => new FieldComplexityResult(
            context.Configuration.DefaultObjectImpact + ConnectionCost.TotalCountImpact
                + (context.Arguments is { } arguments && arguments.TryGetValue("where", out var where)
                    ? ConnectionCost.TextFilterImpact * ConnectionCost.TextOperationsIn(where.Value)
                    : 0),
            1));
    }

    private static async Task<object?> ResolveAsync(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        var selection = context.GetArgument<ProductFacetSelection>("selected") ?? new ProductFacetSelection();
        await using var db = await services.GetRequiredService<IDbContextFactory<DiecastDbContext>>().CreateDbContextAsync(context.CancellationToken);
        var products = ProductSearch.Apply(context.GetArgument<string>(ProductSearch.Argument), db.Products).Query;
        var where = context.Arguments is { } arguments && arguments.TryGetValue("where", out var value) ? value.Value as IDictionary<string, object?> : null;
        if (services.GetRequiredService<FilterExpressionBuilder>().Build<Product>(where, FilterDefinition) is { } predicate)
        {
            products = products.Where(predicate);
        }

        var groups = await products
            .GroupBy(p => new { p.Brand, p.Genre, p.Scale, p.Status, HasStock = p.StockQuantity > 0 })
            .Select(g => new ProductFacetGroup(g.Key.Brand, g.Key.Genre, g.Key.Scale, g.Key.Status, g.Key.HasStock, g.Count(), g.Min(p => p.Price), g.Max(p => p.Price)))
            .ToListAsync(context.CancellationToken);
        return ProductFacets.From(groups, selection);
    }
}

/// <summary>The facet values a shopper chose; a facet left out or empty constrains nothing.</summary>
public sealed class ProductFacetSelection
{
    public List<string>? Brands { get; set; }

    public List<Genre>? Genres { get; set; }

    public List<string>? Scales { get; set; }

    public List<ProductAvailability>? Availability { get; set; }
}

/// <summary>One group of the facets' statement: the products sharing brand, genre, scale, status and having stock.</summary>
public sealed record ProductFacetGroup(string Brand, Genre Genre, string Scale, CollectionStatus Status, bool HasStock, int Count, decimal MinPrice, decimal MaxPrice)
{
    public ProductAvailability? Availability => ProductAvailabilityFilter.Of(Status, HasStock);
}

/// <summary>A facet value, how many products it would show, and whether it is selected.</summary>
public sealed record FacetValue<T>(T Value, int Count, bool Selected);

/// <summary>The facets' answer.</summary>
public sealed record ProductFacets(
    int Count,
    decimal? MinPrice,
    decimal? MaxPrice,
    IReadOnlyList<FacetValue<string>> Brands,
    IReadOnlyList<FacetValue<Genre>> Genres,
    IReadOnlyList<FacetValue<string>> Scales,
    IReadOnlyList<FacetValue<ProductAvailability>> Availability)
{
    private enum Facet { Brand, Genre, Scale, Availability }

    public static ProductFacets From(IReadOnlyList<ProductFacetGroup> groups, ProductFacetSelection selection)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(selection);
        var brands = new HashSet<string>(selection.Brands ?? [], StringComparer.Ordinal);
        var genres = new HashSet<Genre>(selection.Genres ?? []);
        var scales = new HashSet<string>(selection.Scales ?? [], StringComparer.Ordinal);
        var availability = new HashSet<ProductAvailability>(selection.Availability ?? []);

        // Whether a group passes every selection except the one of the facet being counted (null: all of them).
        bool Passes(ProductFacetGroup group, Facet? except) =>
            (except == Facet.Brand || brands.Count == 0 || brands.Contains(group.Brand))
            && (except == Facet.Genre || genres.Count == 0 || genres.Contains(group.Genre))
            && (except == Facet.Scale || scales.Count == 0 || scales.Contains(group.Scale))
            && (except == Facet.Availability || availability.Count == 0 || (group.Availability is { } a && availability.Contains(a)));

        // valueOf says whether a group has a value for the facet (a sold-out model has no availability) and which.
        List<FacetValue<T>> Count<T>(Facet facet, Func<ProductFacetGroup, (bool Has, T Value)> valueOf, ISet<T> selected, IEnumerable<T> order)
            where T : notnull
        {
            var counts = new Dictionary<T, int>();
            foreach (var value in selected)
            {
                counts[value] = 0;
            }

            foreach (var group in groups)
            {
                if (valueOf(group) is (true, var value))
                {
                    counts[value] = counts.GetValueOrDefault(value) + (Passes(group, facet) ? group.Count : 0);
                }
            }

            return [.. order.Where(counts.ContainsKey).Select(v => new FacetValue<T>(v, counts[v], selected.Contains(v)))];
        }

        var all = groups.Where(g => Passes(g, except: null)).ToList();
        var brandNames = groups.Select(g => g.Brand).Concat(brands).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase);
        var scaleNames = groups.Select(g => g.Scale).Concat(scales).Distinct(StringComparer.Ordinal).OrderBy(ScaleOrder).ThenBy(s => s, StringComparer.Ordinal);
        return new ProductFacets(
            all.Sum(g => g.Count),
            all.Count == 0 ? null : all.Min(g => g.MinPrice),
            all.Count == 0 ? null : all.Max(g => g.MaxPrice),
            Count(Facet.Brand, g => (true, g.Brand), brands, brandNames),
            Count(Facet.Genre, g => (true, g.Genre), genres, Enum.GetValues<Genre>()),
            Count(Facet.Scale, g => (true, g.Scale), scales, scaleNames),
            Count(Facet.Availability, g => (g.Availability.HasValue, g.Availability.GetValueOrDefault()), availability, Enum.GetValues<ProductAvailability>()));
    }

    /// <summary>Scales largest model first, as collectors list them: 1:12, 1:18, 1:24 … 1:64; anything else after.</summary>
    private static int ScaleOrder(string scale) =>
        scale.StartsWith("1:", StringComparison.Ordinal) && int.TryParse(scale.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var denominator)
            ? denominator
            : int.MaxValue;
}

public sealed class ProductFacetSelectionInputGraphType : InputObjectGraphType<ProductFacetSelection>
{
    public ProductFacetSelectionInputGraphType()
    {
        Name = "ProductFacetSelectionInput";
        Description = "The facet values a shopper chose. Values of one facet are alternatives (any of them); facets combine (all of them).";
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("brands").Description("Model makers, exactly as `Product.brand` writes them.");
        Field<ListGraphType<NonNullGraphType<GenreGraphType>>>("genres").Description("Genres.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("scales").Description("Scales, exactly as `Product.scale` writes them, e.g. \"1:18\".");
        Field<ListGraphType<NonNullGraphType<ProductAvailabilityGraphType>>>("availability").Description("In stock, pre-order.");
    }
}

public sealed class ProductFacetsGraphType : ObjectGraphType<ProductFacets>
{
    public ProductFacetsGraphType()
    {
        Name = "ProductFacets";
        Description = "Counts for the catalog's filters.";
        Field(f => f.Count).Description("Products matching `where`, `search` and every selection: what the listing shows.");
        Field(f => f.MinPrice, nullable: true).Description("The lowest price among those products (rupees); null when there are none.");
        Field(f => f.MaxPrice, nullable: true).Description("The highest price among those products (rupees); null when there are none.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringFacetValueGraphType>>>>("brands")
            .Description("Every brand among the products matching `where` and `search`, and every selected one, alphabetically.")
            .Resolve(context => context.Source.Brands);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GenreFacetValueGraphType>>>>("genres")
            .Description("Every genre among the products matching `where` and `search`, and every selected one, in the enum's order.")
            .Resolve(context => context.Source.Genres);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringFacetValueGraphType>>>>("scales")
            .Description("Every scale among the products matching `where` and `search`, and every selected one, largest model first (1:18 before 1:64).")
            .Resolve(context => context.Source.Scales);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AvailabilityFacetValueGraphType>>>>("availability")
            .Description("IN_STOCK and PRE_ORDER, when any product matching `where` and `search` has it or it is selected.")
            .Resolve(context => context.Source.Availability);
    }
}

public sealed class StringFacetValueGraphType : ObjectGraphType<FacetValue<string>>
{
    public StringFacetValueGraphType()
    {
        Name = "FacetValue";
        Description = "A facet value (a brand or a scale) and how many products it would show.";
        Field<NonNullGraphType<StringGraphType>>("value").Description("The value, as products write it.").Resolve(context => context.Source.Value);
        Field(v => v.Count).Description("Products it would show, with the other facets' selections applied.");
        Field(v => v.Selected).Description("Whether it is among the selected values.");
    }
}

public sealed class GenreFacetValueGraphType : ObjectGraphType<FacetValue<Genre>>
{
    public GenreFacetValueGraphType()
    {
        Name = "GenreFacetValue";
        Description = "A genre and how many products it would show.";
        Field<NonNullGraphType<GenreGraphType>>("value").Description("The genre.").Resolve(context => context.Source.Value);
        Field(v => v.Count).Description("Products it would show, with the other facets' selections applied.");
        Field(v => v.Selected).Description("Whether it is among the selected values.");
    }
}

public sealed class AvailabilityFacetValueGraphType : ObjectGraphType<FacetValue<ProductAvailability>>
{
    public AvailabilityFacetValueGraphType()
    {
        Name = "AvailabilityFacetValue";
        Description = "An availability and how many products it would show.";
        Field<NonNullGraphType<ProductAvailabilityGraphType>>("value").Description("The availability.").Resolve(context => context.Source.Value);
        Field(v => v.Count).Description("Products it would show, with the other facets' selections applied.");
        Field(v => v.Selected).Description("Whether it is among the selected values.");
    }
}
