using Diecast.GraphQL.Querying.Filtering;

namespace Diecast.Api.Catalog;

/// <summary>ProductFilterInput: what clients may filter products on.</summary>
public sealed class ProductFilterInputGraphType : FilterInputGraphType<Product>
{
    public ProductFilterInputGraphType()
    {
        Name = "ProductFilterInput";
        Filter(p => p.Slug);
        Filter(p => p.Name);
        Filter(p => p.Brand);
        Filter(p => p.Make);
        Filter(p => p.Model);
        Filter(p => p.Year);
        Filter(p => p.Scale);
        FilterEnum<GenreGraphType, Genre>(p => p.Genre);
        FilterEnum<CollectionStatusGraphType, CollectionStatus>(p => p.Status);
        Filter(p => p.Price);
        Filter(p => p.Images);
        Filter(p => p.VideoUrl);
        Filter(p => p.IsFeatured);
        Filter(p => p.CreatedAt);
        Filter(p => p.UpdatedAt);
    }
}
