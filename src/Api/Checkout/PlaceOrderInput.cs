namespace Diecast.Api.Checkout;

/// <summary>
/// A shopper's cart, who they are and where it goes. No prices: the server prices every line from the catalog
/// (a client that sends a price gets a GraphQL validation error, the field does not exist).
/// </summary>
public sealed class PlaceOrderInput
{
    public List<PlaceOrderItemInput> Items { get; init; } = [];
    public CustomerInput Customer { get; init; } = new();
    public ShippingAddressInput ShippingAddress { get; init; } = new();

    /// <summary>The client's name for this attempt (e.g. a UUID made when the checkout page opened): the same key places one order.</summary>
    public string IdempotencyKey { get; init; } = "";
}

public sealed class PlaceOrderItemInput
{
    /// <summary>The product's global ID.</summary>
    public string ProductId { get; init; } = "";
    public int Quantity { get; init; }
}

public sealed class CustomerInput
{
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";

    /// <summary>An Indian mobile number as typed; stored as +91XXXXXXXXXX (<see cref="IndianPhone"/>).</summary>
    public string Phone { get; init; } = "";
}

public sealed class ShippingAddressInput
{
    public string Line1 { get; init; } = "";
    public string? Line2 { get; init; }
    public string City { get; init; } = "";
    public IndianState State { get; init; }

    /// <summary>A six-digit PIN code (<see cref="PinCode"/>).</summary>
    public string PostalCode { get; init; } = "";
}

public sealed class PlaceOrderInputGraphType : InputObjectGraphType<PlaceOrderInput>
{
    public PlaceOrderInputGraphType()
    {
        Name = "PlaceOrderInput";
        Description = "A cart to buy: lines, the customer and the address. Prices and totals come from the catalog, never from the client.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlaceOrderItemInputGraphType>>>>("items")
            .Description($"The lines, each product once, at most {PlaceOrderInputValidator.MaxLines}.");
        Field<NonNullGraphType<CustomerInputGraphType>>("customer").Description("Who is buying.");
        Field<NonNullGraphType<ShippingAddressInputGraphType>>("shippingAddress").Description("Where the order goes (India only).");
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .Description("16 to 100 letters, digits, '-' or '_' (a UUID fits), made once per checkout: sending the same key again returns the same order instead of placing another.");
    }
}

public sealed class PlaceOrderItemInputGraphType : InputObjectGraphType<PlaceOrderItemInput>
{
    public PlaceOrderItemInputGraphType()
    {
        Name = "PlaceOrderItemInput";
        Description = "One line of a cart.";
        Field<NonNullGraphType<IdGraphType>>("productId").Description("The product's global ID.");
        Field<NonNullGraphType<IntGraphType>>("quantity").Description("Units, from 1 to the shop's per-line maximum (Checkout__MaxQuantityPerLine).");
    }
}

public sealed class CustomerInputGraphType : InputObjectGraphType<CustomerInput>
{
    public CustomerInputGraphType()
    {
        Name = "CustomerInput";
        Description = "The buyer; no account is needed.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("Full name, up to 120 characters.");
        Field<NonNullGraphType<StringGraphType>>("email").Description("Where order mail goes; with the order number it also finds the order again (`order(number:, email:)`).");
        Field<NonNullGraphType<StringGraphType>>("phone")
            .Description("An Indian mobile number: 10 digits starting with 6–9, optionally after +91, 91 or 0; spaces and hyphens are ignored. Stored as +91XXXXXXXXXX.");
    }
}

public sealed class ShippingAddressInputGraphType : InputObjectGraphType<ShippingAddressInput>
{
    public ShippingAddressInputGraphType()
    {
        Name = "ShippingAddressInput";
        Description = "A delivery address in India.";
        Field<NonNullGraphType<StringGraphType>>("line1").Description("House, street; up to 200 characters.");
        Field<StringGraphType>("line2").Description("Area, landmark; up to 200 characters.");
        Field<NonNullGraphType<StringGraphType>>("city").Description("City or town; up to 100 characters.");
        Field<NonNullGraphType<IndianStateGraphType>>("state").Description("State or union territory.");
        Field<NonNullGraphType<StringGraphType>>("postalCode").Description("Six-digit PIN code, not starting with 0 (\"400001\" or \"400 001\").");
    }
}
