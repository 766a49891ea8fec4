using Diecast.Api.GraphQL;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Server.Relay;
using Diecast.GraphQL.Server.Resolvers;

namespace Diecast.Api.Catalog;

public static class CatalogQueries
{
    /// <summary>The home page's featured shelf is small by design.</summary>
    public const int MaxFeaturedProducts = 12;

    public static void AddCatalogQueries(this ObjectGraphType query)
    {
        query.Connection<ProductGraphType, Product>("products")
            .Description("The catalog: filter with `where`, sort with `order`, page with `first`/`after` or `last`/`before`, or search with `search`.")
            .Key(p => p.Id)
            .Filtering<ProductFilterInputGraphType>()
            .Sorting<ProductSortInputGraphType>()
            .Argument<StringGraphType>(ProductSearch.Argument, "Full-text search over name, brand, make, model and description (web search syntax: words, \"phrases\", -exclusions). Without an `order`, results come best match first.")
            .ArgumentImpact(ProductSearch.Argument, ProductSearch.ComplexityImpact)
            .Argument<ListGraphType<NonNullGraphType<ProductAvailabilityGraphType>>>(ProductAvailabilityFilter.Argument, "Only products with any of these availabilities (in stock, pre-order); empty or left out: all.")
            .Refine((context, products) =>
            {
                var searched = ProductSearch.Apply(context.GetArgument<string>(ProductSearch.Argument), products);
                return searched with { Query = ProductAvailabilityFilter.Apply(context.GetArgument<List<ProductAvailability>>(ProductAvailabilityFilter.Argument), searched.Query) };
            })
            .ResolveFromDbContext<DiecastDbContext>((db, _) => db.Products);

        query.AddProductFacetQueries();

        query.Field<ProductGraphType>("product")
            .Description("The product with this global ID, or null.")
            .WithComplexityImpact(DiecastSchema.LookupComplexityImpact)
            .Argument<NonNullGraphType<IdGraphType>>("id", "The product's global ID.")
            .ResolveAsync(context =>
                NodeId.TryDecodeInt(context.GetArgument<string>("id"), ProductGraphType.TypeName, out var id)
                    ? ((INodeGraphType)context.FieldDefinition.ResolvedType!.GetNamedType()).OneAsync(context, id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    : throw new ExecutionError("The ID is not a product ID.") { Code = "INVALID_NODE_ID" });

        query.Field<ProductGraphType>("productBySlug")
            .Description("The product with this slug, or null.")
            .WithComplexityImpact(DiecastSchema.LookupComplexityImpact)
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The product's slug.")
            .ResolveWith("slug", (string slug, DiecastDbContext db, CancellationToken cancellationToken) =>
                db.Products.FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductGraphType>>>>("featuredProducts")
            .Description($"Products the shop features on its home page, newest first (at most {MaxFeaturedProducts}).")
            .WithComplexityImpact(1, MaxFeaturedProducts)
            .ResolveWith((DiecastDbContext db, CancellationToken cancellationToken) => db.Products
                .Where(p => p.IsFeatured)
                .OrderByDescending(p => p.Id)
                .Take(MaxFeaturedProducts)
                .ToListAsync(cancellationToken));
    }
}
