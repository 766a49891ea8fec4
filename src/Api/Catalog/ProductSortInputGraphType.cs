using Diecast.GraphQL.Querying.Sorting;

namespace Diecast.Api.Catalog;

/// <summary>ProductSortInput: what clients may sort products by; the id always breaks ties.</summary>
public sealed class ProductSortInputGraphType : SortInputGraphType<Product>
{
    public ProductSortInputGraphType()
    {
        Name = "ProductSortInput";
        Sort(p => p.Name);
        Sort(p => p.Brand);
        Sort(p => p.Make);
        Sort(p => p.Model);
        Sort(p => p.Year);
        Sort(p => p.Scale);
        Sort(p => p.Genre);
        Sort(p => p.Status);
        Sort(p => p.Price);
        Sort(p => p.IsFeatured);
        Sort(p => p.CreatedAt);
        Sort(p => p.UpdatedAt);
    }
}
