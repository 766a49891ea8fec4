using System.Globalization;

namespace Diecast.Storefront.Pages.Orders;

/// <summary>Where the shopper's payment stands, as the order page tells it (one panel per state).</summary>
public enum PaymentPanel
{
    /// <summary>Unpaid, the hold lasts and Checkout can open: "Pay ₹X".</summary>
    Pay,

    /// <summary>Unpaid and the hold lasts, but Razorpay's order is not made yet (Razorpay was unreachable at checkout).</summary>
    PaymentNotStarted,

    /// <summary>The shopper came back from paying (or the bank holds the money) and the capture is not recorded yet.</summary>
    Confirming,

    /// <summary>The last attempt failed (or the shopper came back with a failure) and the hold lasts: "Try again".</summary>
    Failed,

    /// <summary>The hold ended unpaid, or the order was cancelled before payment: nothing was charged.</summary>
    Ended,

    /// <summary>Paid (possibly shipped, delivered, refunded in part or whole): nothing to do.</summary>
    Settled,
}

/// <summary>
/// A customer's order (the API's <c>CustomerOrder</c>) as the order page shows it: statuses in words, times in India
/// Standard Time, and which payment panel applies given what the shopper just did (<paramref name="returned"/>).
/// </summary>
public sealed class OrderView(ICustomerOrderView order, DateTimeOffset now, PaymentReturn returned = PaymentReturn.None)
{
    /// <summary>India has one time zone and no daylight saving: a fixed +05:30 needs no time-zone database.</summary>
    private static readonly TimeSpan IndiaOffset = new(5, 30, 0);

    public ICustomerOrderView Order { get; } = order;

    public PaymentReturn Returned { get; } = returned;

    /// <summary>Whether the stock hold still runs (the API clears holdExpiresAt once paid, cancelled or expired).</summary>
    public bool HoldLasts => Order.HoldExpiresAt is { } until && until > now;

    public PaymentPanel Panel => Order.PaymentStatus switch
    {
        PaymentStatus.Paid or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded => PaymentPanel.Settled,
        // The shopper just came back from a payment Razorpay signed: money is in flight whatever the order still says (an
        // earlier attempt's FAILED, a hold that ran out: a late payment is honoured or refunded), so never "Pay again"
        // or "nothing was charged" — confirming, until the capture is recorded or the refreshes run out.
        _ when Returned == PaymentReturn.Received => PaymentPanel.Confirming,
        PaymentStatus.Expired or PaymentStatus.Voided => PaymentPanel.Ended,
        _ when Order.Status == OrderStatus.Cancelled => PaymentPanel.Ended,
        // The bank holds the money: Razorpay's capture (or its webhook) is what is missing, whatever the hold says.
        PaymentStatus.Authorized => PaymentPanel.Confirming,
        _ when !HoldLasts => PaymentPanel.Ended,
        PaymentStatus.Failed => PaymentPanel.Failed,
        // Awaiting payment: what the shopper just did decides, since the webhook may not have arrived yet.
        _ when Returned == PaymentReturn.Failed => PaymentPanel.Failed,
        _ when Order.Payment is null => PaymentPanel.PaymentNotStarted,
        _ => PaymentPanel.Pay,
    };

    /// <summary>Whether Checkout can open now (a fresh attempt: first, or again after a failure).</summary>
    public bool CanPay => Order.Payment is not null && HoldLasts && Panel is PaymentPanel.Pay or PaymentPanel.Failed;

    /// <summary>The overall status in the customer's words.</summary>
    public string StatusWords => Order.Status switch
    {
        OrderStatus.PendingPayment => "Waiting for payment",
        OrderStatus.Paid => "Paid: we are preparing it",
        OrderStatus.Fulfilling => "Being packed",
        OrderStatus.Shipped => "Shipped",
        OrderStatus.Delivered => "Delivered",
        OrderStatus.Cancelled => "Cancelled",
        OrderStatus.Refunded => "Refunded",
        _ => Order.Status.ToString(),
    };

    public string PaymentWords => Order.PaymentStatus switch
    {
        PaymentStatus.AwaitingPayment => "Not paid yet",
        PaymentStatus.Authorized => "Received by your bank, being confirmed",
        PaymentStatus.Paid => "Paid",
        PaymentStatus.PartiallyRefunded => "Paid, partly refunded",
        PaymentStatus.Refunded => "Refunded",
        PaymentStatus.Failed => "The last attempt failed",
        PaymentStatus.Expired => "Not paid in time: nothing was charged",
        PaymentStatus.Voided => "Cancelled before payment: nothing was charged",
        _ => Order.PaymentStatus.ToString(),
    };

    public string FulfilmentWords => Order.FulfilmentStatus switch
    {
        FulfilmentStatus.Unfulfilled => Order.Status is OrderStatus.Cancelled or OrderStatus.Refunded ? "Will not be sent" : "Not sent yet",
        FulfilmentStatus.Fulfilling => "Being packed",
        FulfilmentStatus.Shipped => "On its way",
        FulfilmentStatus.Delivered => "Delivered",
        _ => Order.FulfilmentStatus.ToString(),
    };

    /// <summary>An enum value as the API spells it (PendingPayment → PENDING_PAYMENT), for data attributes tests and scripts read.</summary>
    public static string ApiName(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }

    /// <summary>A UTC time as an Indian shopper reads it: "1 Dec 2026, 7:16 pm IST".</summary>
    public static string Ist(DateTimeOffset utc)
    {
        var local = utc.ToOffset(IndiaOffset);
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return string.Create(CultureInfo.InvariantCulture, $"{local:d MMM yyyy}, {hour}:{local:mm} {(local.Hour < 12 ? "am" : "pm")} IST");
    }

    /// <summary>The address lines as a label would print them.</summary>
    public IEnumerable<string> AddressLines
    {
        get
        {
            var address = Order.ShippingAddress;
            yield return address.Line1;
            if (!string.IsNullOrWhiteSpace(address.Line2))
            {
                yield return address.Line2;
            }

            yield return $"{address.City}, {address.State} {address.PostalCode}";
        }
    }
}

/// <summary>What the shopper just did, as the callback's redirect says it (?payment=…): words only, never their data.</summary>
public enum PaymentReturn
{
    None,

    /// <summary>Razorpay (or the simulator) sent a signed payment and the API accepted its signature.</summary>
    Received,

    /// <summary>Razorpay reported a failed or cancelled payment.</summary>
    Failed,

    /// <summary>The callback's fields did not check out (a forged, tampered or stray callback): nothing was changed.</summary>
    Unconfirmed,
}
