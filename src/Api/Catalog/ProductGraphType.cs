using Diecast.Api.Media;
using Diecast.Api.Media.Gallery;
using Diecast.Api.Security;
using Diecast.GraphQL.Server.Resolvers;
using Diecast.GraphQL.Querying.Projections;

namespace Diecast.Api.Catalog;

public sealed class ProductGraphType : EntityNodeGraphType<Product>
{
    public const string TypeName = "Product";

    /// <summary>At most this many units left counts as few (Product.fewLeft): the storefront's "only N left".</summary>
    public const int FewLeftThreshold = 5;

    public ProductGraphType()
        : base(TypeName, "A diecast model for sale.", "The product's global ID.", p => p.Id)
    {
        Field(p => p.Slug).Description("URL-safe unique name, used in the storefront's address for the product.");
        Field(p => p.Name).Description("The product's display name.");
        Field(p => p.Brand).Description("The model maker, e.g. AutoArt, Minichamps, Hot Wheels, Mini GT.");
        Field(p => p.Make).Description("The real car's manufacturer.");
        Field(p => p.Model).Description("The real car's model.");
        Field(p => p.Year).Description("The real car's year.");
        Field(p => p.Scale).Description("The model's scale as collectors write it, e.g. \"1:18\" or \"1:64\".");
        Field<NonNullGraphType<GenreGraphType>>("genre").Description("What kind of car the model depicts.").Resolve(context => context.Source.Genre);
        Field<NonNullGraphType<CollectionStatusGraphType>>("status").Description("Where the model stands in its release life.").Resolve(context => context.Source.Status);
        Field(p => p.Description).Description("The product description, plain text.");
        Field(p => p.Price).Description("Price in Indian rupees (INR), exact to the paisa.");
        Field(p => p.StockQuantity).Description("Units in stock. Admins only; everyone else sees inStock.").RequireAdmin();
        Field<NonNullGraphType<BooleanGraphType>>("inStock").Description("Whether at least one unit can be bought now.").Projects(nameof(Product.StockQuantity)).Resolve(context => context.Source.StockQuantity > 0);
        Field<IntGraphType>("fewLeft")
            .Description($"The units left when few remain (1 to {FewLeftThreshold}), else null: what a shop shows as \"only N left\". Public, unlike stockQuantity: it tells no more than scarcity.")
            .Projects(nameof(Product.StockQuantity))
            .Resolve(context => context.Source.StockQuantity is > 0 and <= FewLeftThreshold ? context.Source.StockQuantity : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("images")
            .Description("Image URLs, the first is the main picture: the uploaded pictures' URLs at 1080 pixels wide when the product has any (paths on this API's image endpoint), else the external URLs given with createProduct/updateProduct.")
            .DeprecationReason("Use gallery: each picture with its alt text, intrinsic width and height, and a srcSet.")
            .Projects(nameof(Product.Id), nameof(Product.Images))
            .Resolve(context =>
            {
                var urls = ResolverDependencies.Shared<MediaUrls>(context);
                return ResolverDependencies.Shared<ProductImagesByProductIdDataLoader>(context).LoadAsync(context.Source.Id).Then(images =>
                    images is { Count: > 0 } ? images.Select(i => GalleryUrls.Image(urls, i.MediaFile)).ToList() : context.Source.Images);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductImageGraphType>>>>("gallery")
            .Description("The product's uploaded pictures, main picture first, each with alt text, intrinsic size, URLs and a srcSet. Empty when none was uploaded (images may still list external URLs).")
            .Projects(nameof(Product.Id))
            // A product has a handful of pictures: counted as 4 rather than the default list guess, so a storefront
            // page listing cards with their main picture scores in the hundreds, not as an expensive query.
            .WithComplexityImpact(1, 4)
            .ResolveWith((Product product, ProductImagesByProductIdDataLoader gallery) => gallery.LoadAsync(product.Id).Then(images => images ?? []));
        Field<StringGraphType>("videoUrl")
            .Description("An optional video of the model: the uploaded video's URL on this API's video endpoint (which answers range requests) when there is one, else the external URL given with createProduct/updateProduct.")
            .Projects(nameof(Product.VideoUrl), nameof(Product.VideoMediaFileId))
            .Resolve(context => context.Source.VideoMediaFileId is { } id
                ? ResolverDependencies.Shared<MediaFilesByIdDataLoader>(context).LoadAsync(id).Then(file => file is null
                    ? context.Source.VideoUrl
                    : ResolverDependencies.Shared<MediaUrls>(context).Video(file))
                : (object?)context.Source.VideoUrl);
        Field(p => p.IsFeatured).Description("Whether the storefront features the product on its home page.");
        Field(p => p.CreatedAt).Description("When the product was added (UTC).");
        Field(p => p.UpdatedAt).Description("When the product last changed (UTC).");
        Field(p => p.ArchivedAt, nullable: true).Description("When the product left the catalog (UTC); null while it is on sale. Admins only.").RequireAdmin();
        Field<NonNullGraphType<LongGraphType>>("version")
            .Description("Changes whenever the product changes: send it back with updateProduct, so a concurrent edit is refused rather than lost. Admins only.")
            .Projects(nameof(Product.Version))
            .Resolve(context => (long)context.Source.Version)
            .RequireAdmin();
    }

    protected override IQueryable<Product> Find(DiecastDbContext db, int[] ids, IResolveFieldContext context) =>
        db.Products.Where(p => ids.Contains(p.Id));
}
