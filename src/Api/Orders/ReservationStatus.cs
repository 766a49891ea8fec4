namespace Diecast.Api.Orders;

/// <summary>What an order holds of the shop's stock (<see cref="OrderStock"/>); a native PostgreSQL enum.</summary>
public enum ReservationStatus
{
    /// <summary>Holds nothing: an order from before reservations, or one of pre-order products only.</summary>
    None,

    /// <summary>Its units are taken out of the stock on sale until it is paid or <see cref="Order.HoldExpiresAt"/>.</summary>
    Held,

    /// <summary>Its units went back on sale (expired or cancelled unpaid).</summary>
    Released,

    /// <summary>Paid: its units are sold.</summary>
    Sold,
}
