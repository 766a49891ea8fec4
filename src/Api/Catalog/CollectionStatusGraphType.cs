namespace Diecast.Api.Catalog;

public sealed class CollectionStatusGraphType : EnumerationGraphType<CollectionStatus>
{
    public CollectionStatusGraphType()
    {
        Name = "CollectionStatus";
        Description = "Where a model stands in its release life: available, on pre-order, sold out or retired.";
    }
}
