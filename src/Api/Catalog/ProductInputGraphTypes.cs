namespace Diecast.Api.Catalog;

public sealed class CreateProductInputGraphType : InputObjectGraphType<CreateProductInput>
{
    public CreateProductInputGraphType()
    {
        Name = "CreateProductInput";
        Description = "A new product.";
        Field(i => i.Slug).Description("URL-safe, unique: lower-case letters, digits and single hyphens.");
        Field(i => i.Name).Description("Display name.");
        Field(i => i.Brand).Description("The model maker.");
        Field(i => i.Make).Description("The real car's manufacturer.");
        Field(i => i.Model).Description("The real car's model.");
        Field(i => i.Year).Description("The real car's year.");
        Field(i => i.Scale).Description("Scale as collectors write it, e.g. \"1:18\".");
        Field<NonNullGraphType<GenreGraphType>>("genre").Description("What kind of car.");
        Field<NonNullGraphType<CollectionStatusGraphType>>("status").Description("Where the model stands in its release life.");
        Field(i => i.Description).Description("Plain text.");
        Field(i => i.Price).Description("Price in rupees, at most two decimals, more than zero.");
        Field(i => i.StockQuantity).Description("Units in stock at the start.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("images").Description("Absolute https image URLs, main picture first.");
        Field(i => i.VideoUrl, nullable: true).Description("An optional absolute https video URL.");
        Field(i => i.IsFeatured).Description("Feature it on the home page.");
    }
}

public sealed class UpdateProductInputGraphType : UpdateInputGraphType<UpdateProductInput>
{
    public UpdateProductInputGraphType()
    {
        Name = "UpdateProductInput";
        Description = "Changes to a product; fields left out stay as they are.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The product's global ID.");
        Field<NonNullGraphType<LongGraphType>>("version").Description("The product's version as you read it; a concurrent change makes this a ConcurrentEditError.");
        Field<StringGraphType>("slug").Description("URL-safe, unique.");
        Field<StringGraphType>("name").Description("Display name.");
        Field<StringGraphType>("brand").Description("The model maker.");
        Field<StringGraphType>("make").Description("The real car's manufacturer.");
        Field<StringGraphType>("model").Description("The real car's model.");
        Field<IntGraphType>("year").Description("The real car's year.");
        Field<StringGraphType>("scale").Description("Scale, e.g. \"1:43\".");
        Field<GenreGraphType>("genre").Description("What kind of car.");
        Field<CollectionStatusGraphType>("status").Description("Where the model stands in its release life.");
        Field<StringGraphType>("description").Description("Plain text.");
        Field<DecimalGraphType>("price").Description("Price in rupees, at most two decimals, more than zero.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("images").Description("Replaces the images: absolute https URLs, main picture first.");
        Field<StringGraphType>("videoUrl").Description("An absolute https video URL; null removes the video.");
        Field<BooleanGraphType>("isFeatured").Description("Feature it on the home page.");
    }
}

public sealed class ArchiveProductInputGraphType : InputObjectGraphType<ArchiveProductInput>
{
    public ArchiveProductInputGraphType()
    {
        Name = "ArchiveProductInput";
        Description = "The product to take out of the catalog.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The product's global ID.");
    }
}

public sealed class AdjustStockInputGraphType : InputObjectGraphType<AdjustStockInput>
{
    public AdjustStockInputGraphType()
    {
        Name = "AdjustStockInput";
        Description = "A relative change to a product's stock.";
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product's global ID.");
        Field(i => i.Delta).Description("Units to add (positive) or remove (negative); stock never goes below zero.");
        Field(i => i.Reason).Description("Why, for the audit trail: e.g. \"restock from supplier\", \"damaged in storage\".");
    }
}
