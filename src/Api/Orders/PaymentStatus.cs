namespace Diecast.Api.Orders;

/// <summary>
/// What happened to an order's money, kept apart from its fulfilment as Shopify and Saleor keep them; a native
/// PostgreSQL enum. It only moves forward (<see cref="OrderStatuses.PaymentRank"/>): a late event never undoes a capture.
/// </summary>
public enum PaymentStatus
{
    /// <summary>Placed; no payment has been authorised yet.</summary>
    AwaitingPayment,

    /// <summary>The bank authorised a payment that is not captured yet.</summary>
    Authorized,

    /// <summary>Captured in full.</summary>
    Paid,

    /// <summary>Captured, and part of it refunded.</summary>
    PartiallyRefunded,

    /// <summary>Captured and refunded in full.</summary>
    Refunded,

    /// <summary>The last attempt failed; the customer may try again while the stock hold lasts.</summary>
    Failed,

    /// <summary>Not paid within the stock hold; the stock went back on sale.</summary>
    Expired,

    /// <summary>Cancelled before any money was taken.</summary>
    Voided,
}
