using Diecast.Api.Orders;
using Diecast.GraphQL.Server.Relay;

namespace Diecast.Api.Checkout;

/// <summary>
/// An order as its customer sees it, reached with its token or its number and email: never the admin's
/// <see cref="Order"/> type (no Razorpay ids, no staff names, no internal flags). Built from an order loaded with its
/// items and events, so nothing below it reads the database.
/// </summary>
public sealed record CustomerOrderView(Order Order, CheckoutPayment? Payment);

/// <summary>
/// What Razorpay Standard Checkout needs in the browser (razorpay.md §3 "Checkout options"): the key id (public; the
/// secret never leaves the server), the Razorpay order, the amount in paise as Checkout takes it and in rupees for
/// display, and the prefill. <see cref="ExpiresAt"/> is when the stock hold ends (UTC); Razorpay will not capture after it.
/// </summary>
public sealed record CheckoutPayment(
    string KeyId, string RazorpayOrderId, decimal Amount, long AmountInPaise, string Currency, string Name, string Description, CheckoutPrefill Prefill, DateTime ExpiresAt);

public sealed record CheckoutPrefill(string Name, string Email, string Contact);

public sealed class CustomerOrderGraphType : ObjectGraphType<CustomerOrderView>
{
    /// <summary>
    /// Timeline entries a customer is shown: what happened to their order and money. Stock movements, mismatches,
    /// refund requests and staff notes stay with the admins.
    /// </summary>
    public static readonly IReadOnlySet<OrderEventKind> CustomerVisibleEvents = new HashSet<OrderEventKind>
    {
        OrderEventKind.Placed, OrderEventKind.PaymentAuthorized, OrderEventKind.PaymentCaptured, OrderEventKind.PaymentFailed,
        OrderEventKind.Expired, OrderEventKind.Cancelled, OrderEventKind.FulfilmentChanged, OrderEventKind.RefundProcessed,
        OrderEventKind.LatePaymentHonoured, OrderEventKind.LatePaymentRefunded,
    };

    public CustomerOrderGraphType()
    {
        Name = "CustomerOrder";
        Description = "An order as its customer sees it (through its order token, or its number and email).";
        Field<NonNullGraphType<StringGraphType>>("number").Description("The number to quote, e.g. DC-10042.").Resolve(c => c.Source.Order.Number);
        Field<NonNullGraphType<OrderStatusGraphType>>("status").Description("Where the order stands overall.").Resolve(c => c.Source.Order.Status);
        Field<NonNullGraphType<PaymentStatusGraphType>>("paymentStatus").Description("Where the money stands.").Resolve(c => c.Source.Order.PaymentStatus);
        Field<NonNullGraphType<FulfilmentStatusGraphType>>("fulfilmentStatus").Description("Where the parcel stands.").Resolve(c => c.Source.Order.FulfilmentStatus);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerOrderItemGraphType>>>>("items")
            .Description("The lines, with the names and prices they were bought at.")
            .Resolve(c => c.Source.Order.Items.OrderBy(i => i.Id));
        Field<NonNullGraphType<DecimalGraphType>>("subtotal").Description("Sum of the lines, in rupees.").Resolve(c => c.Source.Order.Subtotal);
        Field<NonNullGraphType<DecimalGraphType>>("shippingFee").Description("Shipping, in rupees.").Resolve(c => c.Source.Order.ShippingFee);
        Field<NonNullGraphType<DecimalGraphType>>("total").Description("What the order costs: subtotal plus shipping, in rupees.").Resolve(c => c.Source.Order.Total);
        Field<NonNullGraphType<DecimalGraphType>>("amountPaid").Description("Rupees captured so far.").Resolve(c => c.Source.Order.AmountPaid);
        Field<NonNullGraphType<DecimalGraphType>>("amountRefunded").Description("Rupees refunded so far.").Resolve(c => c.Source.Order.AmountRefunded);
        Field<NonNullGraphType<StringGraphType>>("customerName").Description("Who ordered.").Resolve(c => c.Source.Order.CustomerName);
        Field<NonNullGraphType<StringGraphType>>("customerEmail").Description("Where order mail goes.").Resolve(c => c.Source.Order.CustomerEmail);
        Field<NonNullGraphType<StringGraphType>>("customerPhone").Description("The mobile number, as +91XXXXXXXXXX.").Resolve(c => c.Source.Order.CustomerPhone);
        Field<NonNullGraphType<CustomerShippingAddressGraphType>>("shippingAddress").Description("Where the order goes.").Resolve(c => c.Source.Order.ShippingAddress);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When the order was placed (UTC).").Resolve(c => c.Source.Order.CreatedAt);
        Field<DateTimeGraphType>("paidAt").Description("When the payment was captured (UTC); null until then.").Resolve(c => c.Source.Order.PaidAt);
        Field<DateTimeGraphType>("holdExpiresAt")
            .Description("Until when (UTC) the stock is held for this unpaid order; after it the order is cancelled. Null once paid, cancelled or expired.")
            .Resolve(c => c.Source.Order.ReservationStatus is ReservationStatus.Held or ReservationStatus.None && c.Source.Order.PaymentStatus is PaymentStatus.AwaitingPayment or PaymentStatus.Failed
                ? c.Source.Order.HoldExpiresAt
                : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomerOrderEventGraphType>>>>("timeline")
            .Description("What happened to the order, oldest first: placed, paid, shipped, refunded… (staff-only entries are left out).")
            .Resolve(c => c.Source.Order.Events.Where(e => CustomerVisibleEvents.Contains(e.Kind)).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id));
        Field<CheckoutPaymentGraphType>("payment")
            .Description("What Razorpay Checkout needs to pay (or retry paying) this order while its hold lasts; null once paid, cancelled or expired, or while Razorpay's order is not made yet.")
            .Resolve(c => c.Source.Payment);
    }
}

public sealed class CustomerOrderItemGraphType : ObjectGraphType<OrderItem>
{
    public CustomerOrderItemGraphType()
    {
        Name = "CustomerOrderItem";
        Description = "One line of a customer's order, with the name and price it was bought at.";
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product's global ID (the product may since have been archived).")
            .Resolve(c => NodeId.Encode(Catalog.ProductGraphType.TypeName, c.Source.ProductId));
        Field(i => i.ProductName).Description("The product's name when it was bought.");
        Field(i => i.UnitPrice).Description("The price of one unit when it was bought, in rupees.");
        Field(i => i.Quantity).Description("Units bought.");
        Field<NonNullGraphType<DecimalGraphType>>("lineTotal").Description("Unit price times quantity, in rupees.").Resolve(c => c.Source.UnitPrice * c.Source.Quantity);
    }
}

public sealed class CustomerShippingAddressGraphType : ObjectGraphType<ShippingAddress>
{
    public CustomerShippingAddressGraphType()
    {
        Name = "CustomerShippingAddress";
        Description = "Where a customer's order is delivered.";
        Field(a => a.Line1).Description("First address line.");
        Field(a => a.Line2, nullable: true).Description("Second address line.");
        Field(a => a.City).Description("City or town.");
        Field(a => a.State).Description("State or union territory, by name.");
        Field(a => a.PostalCode).Description("Six-digit PIN code.");
        Field(a => a.Country).Description("ISO 3166-1 alpha-2 country code (IN).");
    }
}

public sealed class CustomerOrderEventGraphType : ObjectGraphType<OrderEvent>
{
    public CustomerOrderEventGraphType()
    {
        Name = "CustomerOrderEvent";
        Description = "Something that happened to a customer's order.";
        Field(e => e.OccurredAt).Description("When (UTC).");
        // Not the stored message: that is written for staff (admins' names, reasons, Razorpay ids, advice to colleagues).
        Field<NonNullGraphType<StringGraphType>>("message").Description("What happened, in a sentence written for the customer.").Resolve(c => CustomerSentence(c.Source));
    }

    /// <summary>The customer's sentence for a timeline entry of a kind in <see cref="CustomerOrderGraphType.CustomerVisibleEvents"/>.</summary>
    public static string CustomerSentence(OrderEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Kind switch
        {
            OrderEventKind.Placed => "Order placed.",
            OrderEventKind.PaymentAuthorized => "Your bank authorised the payment; it is being confirmed.",
            OrderEventKind.PaymentCaptured => "Payment received.",
            OrderEventKind.PaymentFailed => "A payment attempt did not go through; no money was taken.",
            OrderEventKind.Expired => "The order was not paid in time, so it was cancelled.",
            OrderEventKind.Cancelled => "The order was cancelled.",
            OrderEventKind.FulfilmentChanged => FulfilmentTo(entry.Data) switch
            {
                "FULFILLING" => "Your order is being packed.",
                "SHIPPED" => "Your order has shipped.",
                "DELIVERED" => "Your order was delivered.",
                _ => "Your order's delivery status changed.",
            },
            OrderEventKind.RefundProcessed => "A refund was processed.",
            OrderEventKind.LatePaymentHonoured => "Your payment arrived after the order's hold ended; the order stands.",
            OrderEventKind.LatePaymentRefunded => "Your payment arrived after the items were released; it is refunded in full.",
            _ => "The order was updated.",
        };
    }

    private static string? FulfilmentTo(string? data)
    {
        if (data is null)
        {
            return null;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(data);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("to", out var to) ? to.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

public sealed class CheckoutPaymentGraphType : ObjectGraphType<CheckoutPayment>
{
    public CheckoutPaymentGraphType()
    {
        Name = "CheckoutPayment";
        Description = "The options Razorpay Standard Checkout is opened with (checkout.js `new Razorpay({ key, order_id, amount, currency, name, description, prefill })`).";
        Field(p => p.KeyId).Description("Razorpay's key id (`key`): public, the secret never leaves the server.");
        Field(p => p.RazorpayOrderId).Description("Razorpay's order id (`order_id`).");
        Field(p => p.Amount).Description("What is paid, in rupees (for display).");
        Field<NonNullGraphType<LongGraphType>>("amountInPaise").Description("The same amount in paise, as Checkout's `amount` takes it.").Resolve(c => c.Source.AmountInPaise);
        Field(p => p.Currency).Description("ISO 4217 currency code (INR).");
        Field(p => p.Name).Description("The shop's name, shown in Checkout (`name`).");
        Field(p => p.Description).Description("What is paid for, shown in Checkout (`description`), e.g. \"Order DC-10042\".");
        Field<NonNullGraphType<CheckoutPrefillGraphType>>("prefill").Description("The customer's details, so Checkout does not ask again (`prefill`).").Resolve(c => c.Source.Prefill);
        Field(p => p.ExpiresAt).Description("When the stock hold ends (UTC): a payment must be made before it.");
    }
}

public sealed class CheckoutPrefillGraphType : ObjectGraphType<CheckoutPrefill>
{
    public CheckoutPrefillGraphType()
    {
        Name = "CheckoutPrefill";
        Description = "Checkout's `prefill`.";
        Field(p => p.Name).Description("The customer's name.");
        Field(p => p.Email).Description("The customer's email.");
        Field(p => p.Contact).Description("The customer's mobile number, +91XXXXXXXXXX.");
    }
}
