namespace Diecast.Api.Catalog;

/// <summary>Where a model stands in its release life; a native PostgreSQL enum.</summary>
public enum CollectionStatus
{
    Available,
    PreOrder,
    SoldOut,
    Retired,
}
