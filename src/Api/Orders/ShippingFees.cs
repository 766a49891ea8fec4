namespace Diecast.Api.Orders;

/// <summary>What shipping costs within India.</summary>
public static class ShippingFees
{
    /// <summary>Orders from this subtotal (in rupees) ship free.</summary>
    public const decimal FreeShippingThreshold = 2999m;

    public const decimal StandardFee = 99m;

    public static decimal For(decimal subtotal) => subtotal >= FreeShippingThreshold ? 0m : StandardFee;
}
