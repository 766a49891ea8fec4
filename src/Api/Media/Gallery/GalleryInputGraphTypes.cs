using Diecast.GraphQL.Server.Scalars;

namespace Diecast.Api.Media.Gallery;

public sealed class UploadProductImageInputGraphType : InputObjectGraphType<UploadProductImageInput>
{
    public UploadProductImageInputGraphType()
    {
        Name = "UploadProductImageInput";
        Description = "A new picture for a product, added after its others.";
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product's global ID.");
        Field<NonNullGraphType<UploadGraphType>>("file").Description("The image: JPEG, PNG, WebP or AVIF, decided from its bytes (a multipart request's file, GraphQL multipart request spec).");
        Field(i => i.Alt).Description("What the picture shows, for people who cannot see it: 1 to 250 characters, no control or bidirectional override characters; surrounding spaces are trimmed.");
    }
}

public sealed class ReplaceProductImageInputGraphType : InputObjectGraphType<ReplaceProductImageInput>
{
    public ReplaceProductImageInputGraphType()
    {
        Name = "ReplaceProductImageInput";
        Description = "New bytes for a product's picture, keeping its place in the gallery.";
        Field<NonNullGraphType<IdGraphType>>("imageId").Description("The ProductImage's global ID.");
        Field<NonNullGraphType<UploadGraphType>>("file").Description("The new image: JPEG, PNG, WebP or AVIF, decided from its bytes.");
        Field(i => i.Alt, nullable: true).Description("New alt text (1 to 250 characters); left out or null keeps the current one.");
    }
}

public sealed class UpdateProductImageInputGraphType : InputObjectGraphType<UpdateProductImageInput>
{
    public UpdateProductImageInputGraphType()
    {
        Name = "UpdateProductImageInput";
        Description = "New alt text for a product's picture.";
        Field<NonNullGraphType<IdGraphType>>("imageId").Description("The ProductImage's global ID.");
        Field(i => i.Alt).Description("What the picture shows: 1 to 250 characters, no control or bidirectional override characters; surrounding spaces are trimmed.");
    }
}

public sealed class ReorderProductImagesInputGraphType : InputObjectGraphType<ReorderProductImagesInput>
{
    public ReorderProductImagesInputGraphType()
    {
        Name = "ReorderProductImagesInput";
        Description = "A product's pictures in their new order.";
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product's global ID.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("imageIds")
            .Description("Every one of the product's ProductImage IDs, each once, main picture first.");
    }
}

public sealed class RemoveProductImageInputGraphType : InputObjectGraphType<RemoveProductImageInput>
{
    public RemoveProductImageInputGraphType()
    {
        Name = "RemoveProductImageInput";
        Description = "The picture to take out of its product's gallery.";
        Field<NonNullGraphType<IdGraphType>>("imageId").Description("The ProductImage's global ID.");
    }
}

public sealed class UploadProductVideoInputGraphType : InputObjectGraphType<UploadProductVideoInput>
{
    public UploadProductVideoInputGraphType()
    {
        Name = "UploadProductVideoInput";
        Description = "A video for a product, replacing its uploaded video if it has one.";
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product's global ID.");
        Field<NonNullGraphType<UploadGraphType>>("file").Description("The video: MP4 or WebM, decided from its container signature.");
    }
}

public sealed class RemoveProductVideoInputGraphType : InputObjectGraphType<RemoveProductVideoInput>
{
    public RemoveProductVideoInputGraphType()
    {
        Name = "RemoveProductVideoInput";
        Description = "The product whose uploaded video to remove.";
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product's global ID.");
    }
}
