namespace Diecast.Api.Orders;

/// <summary>Where an order's parcel stands, kept apart from its payment; a native PostgreSQL enum.</summary>
public enum FulfilmentStatus
{
    Unfulfilled,
    Fulfilling,
    Shipped,
    Delivered,
}
