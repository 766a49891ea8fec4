namespace Diecast.Api.Catalog;

/// <summary>
/// What a shopper can do about a product today, as the storefront's catalog filters it: buy it now, or pre-order it.
/// Sold-out and retired models match neither.
/// </summary>
public enum ProductAvailability
{
    /// <summary>On sale (<see cref="CollectionStatus.Available"/>) with at least one unit in stock.</summary>
    InStock,

    /// <summary>Announced and taking pre-orders (<see cref="CollectionStatus.PreOrder"/>).</summary>
    PreOrder,
}

public sealed class ProductAvailabilityGraphType : EnumerationGraphType<ProductAvailability>
{
    public ProductAvailabilityGraphType()
    {
        Name = "ProductAvailability";
        Description = "What a shopper can do about a product today: IN_STOCK (available, at least one unit in stock) or PRE_ORDER. Sold-out and retired models are neither.";
    }
}

/// <summary>The products field's <c>availability:</c> argument, and the facets' availability dimension.</summary>
public static class ProductAvailabilityFilter
{
    /// <summary>The argument's name on the products field.</summary>
    public const string Argument = "availability";

    /// <summary>Products matching any of <paramref name="wanted"/>; none given (null or empty) leaves them as they are.</summary>
    public static IQueryable<Product> Apply(IReadOnlyCollection<ProductAvailability>? wanted, IQueryable<Product> products)
    {
        if (wanted is not { Count: > 0 })
        {
            return products;
        }

        var inStock = wanted.Contains(ProductAvailability.InStock);
        var preOrder = wanted.Contains(ProductAvailability.PreOrder);
        return products.Where(p =>
            (inStock && p.Status == CollectionStatus.Available && p.StockQuantity > 0)
            || (preOrder && p.Status == CollectionStatus.PreOrder));
    }

    /// <summary>The availability of a product in a given status with or without stock; null for neither.</summary>
    public static ProductAvailability? Of(CollectionStatus status, bool hasStock) => status switch
    {
        CollectionStatus.Available when hasStock => ProductAvailability.InStock,
        CollectionStatus.PreOrder => ProductAvailability.PreOrder,
        _ => null,
    };
}
