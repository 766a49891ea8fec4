namespace Diecast.Api.Orders;

/// <summary>Where an order goes; stored in the order's own row.</summary>
public sealed record ShippingAddress
{
    public required string Line1 { get; init; }

    public string? Line2 { get; init; }

    public required string City { get; init; }

    public required string State { get; init; }

    /// <summary>The six-digit Indian PIN code.</summary>
    public required string PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2, "IN" for now.</summary>
    public required string Country { get; init; }
}
