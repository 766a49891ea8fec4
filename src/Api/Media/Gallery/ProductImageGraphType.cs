using Diecast.GraphQL.Server.Resolvers;

using Diecast.Api.Catalog;

namespace Diecast.Api.Media.Gallery;

/// <summary>A product's picture as clients see it: everything an <c>&lt;img&gt;</c> needs, sizes included, so pages do not shift.</summary>
public sealed class ProductImageGraphType : EntityNodeGraphType<ProductImage>
{
    public const string TypeName = "ProductImage";

    public ProductImageGraphType()
        : base(TypeName, "A picture of a product, uploaded by an admin and served resized by the image endpoint.", "The picture's global ID.", i => i.Id)
    {
        Field(i => i.Alt).Description("What the picture shows, for people who cannot see it (the img element's alt).");
        Field(i => i.Position).Description("Its place in the product's gallery, from 0 (the main picture).");
        Field<NonNullGraphType<IntGraphType>>("width").Description("The original's intrinsic width in pixels (orientation applied), for the img element's width.").Resolve(context => context.Source.MediaFile.Width ?? 0);
        Field<NonNullGraphType<IntGraphType>>("height").Description("The original's intrinsic height in pixels, for the img element's height.").Resolve(context => context.Source.MediaFile.Height ?? 0);
        Field<NonNullGraphType<ImageFormatGraphType>>("format").Description("The stored original's format, decided from its bytes. What a browser receives is negotiated from its Accept header (AVIF, WebP, else JPEG).").Resolve(context => ImageFormats.Parse(context.Source.MediaFile.Format));
        Field<NonNullGraphType<StringGraphType>>("url")
            .Description("The picture's URL on this API's image endpoint (an absolute path), content-addressed, so it may be cached for a year. The format is negotiated from the browser's Accept header (AVIF, WebP, else JPEG).")
            .Argument<IntGraphType>("width", "Wanted width in pixels (default 1080): the smallest allowed width at or above it is used (the allowed widths are next/image's: 16 to 3840); a width above the original's is served at the original's.")
            .Argument<IntGraphType>("quality", "Wanted encoding quality, 1 to 100 (default 75): the nearest allowed quality (50, 75, 90) is used.")
            .Resolve(context => GalleryUrls.Image(
                ResolverDependencies.Shared<MediaUrls>(context),
                context.Source.MediaFile,
                PositiveArgument(context, "width"),
                QualityArgument(context)));
        Field<NonNullGraphType<StringGraphType>>("srcSet")
            .Description("A ready srcset: the picture's URL at each allowed width up to the original's, with its w descriptor. Pair it with a sizes attribute.")
            .Argument<IntGraphType>("quality", "Wanted encoding quality, 1 to 100 (default 75): the nearest allowed quality (50, 75, 90) is used.")
            .Resolve(context => GalleryUrls.SrcSet(ResolverDependencies.Shared<MediaUrls>(context), context.Source.MediaFile, QualityArgument(context)));
    }

    private static int? PositiveArgument(IResolveFieldContext context, string name) =>
        context.GetArgument<int?>(name) is { } value && value <= 0
            ? throw new ExecutionError($"{name} must be a positive number of pixels.") { Code = "INVALID_ARGUMENT" }
            : context.GetArgument<int?>(name);

    private static int? QualityArgument(IResolveFieldContext context) =>
        context.GetArgument<int?>("quality") is { } quality && quality is < 1 or > 100
            ? throw new ExecutionError("quality must be between 1 and 100.") { Code = "INVALID_ARGUMENT" }
            : context.GetArgument<int?>("quality");

    // Only pictures of products still in the catalog: an archived product's pictures leave with it.
    protected override IQueryable<ProductImage> Find(DiecastDbContext db, int[] ids, IResolveFieldContext context) =>
        db.Set<ProductImage>().Include(i => i.MediaFile).Where(i => ids.Contains(i.Id) && db.Set<Product>().Any(p => p.Id == i.ProductId));
}

/// <summary>A stored picture's format.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
    Avif,
}

public sealed class ImageFormatGraphType : EnumerationGraphType<ImageFormat>
{
    public ImageFormatGraphType()
    {
        Name = "ImageFormat";
        Description = "The format of a stored picture, decided from its bytes.";
    }
}

internal static class ImageFormats
{
    /// <summary>The media module's format name ("jpeg", "png", "webp", "avif") as the enum.</summary>
    public static ImageFormat Parse(string format) => format switch
    {
        "jpeg" => ImageFormat.Jpeg,
        "png" => ImageFormat.Png,
        "webp" => ImageFormat.Webp,
        "avif" => ImageFormat.Avif,
        _ => throw new InvalidOperationException($"A stored picture has the format '{format}', which is not an image format."),
    };
}
