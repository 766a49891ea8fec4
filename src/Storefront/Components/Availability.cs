namespace Diecast.Storefront.Components;

/// <summary>What a shopper is told about whether a model can be bought, and the schema.org availability that goes with it.</summary>
public sealed record Availability(string Label, string SchemaOrg, AvailabilityTone Tone)
{
    /// <summary>The API's Product.fewLeft counts units only at or below this (ProductGraphType.FewLeftThreshold).</summary>
    public const int FewLeftThreshold = 5;

    public static Availability Of(CollectionStatus status, bool inStock, int? fewLeft) => status switch
    {
        // Retired and sold-out models cannot be ordered whatever is left on the shelf (the API's placeOrder refuses them).
        CollectionStatus.Retired => new("Retired: no longer made", "https://schema.org/Discontinued", AvailabilityTone.Muted),
        CollectionStatus.SoldOut => new("Sold out", "https://schema.org/OutOfStock", AvailabilityTone.Muted),
        CollectionStatus.PreOrder => new("Pre-order", "https://schema.org/PreOrder", AvailabilityTone.Notice),
        _ when !inStock => new("Sold out", "https://schema.org/OutOfStock", AvailabilityTone.Muted),
        _ when fewLeft is { } left => new($"Only {left} left", "https://schema.org/LimitedAvailability", AvailabilityTone.Notice),
        _ => new("In stock", "https://schema.org/InStock", AvailabilityTone.Good),
    };

    public static Availability Of(ICarCard car) => Of(car.Status, car.InStock, car.FewLeft);

    /// <summary>The badge's classes (AA contrast on white and on paper).</summary>
    public string BadgeClass => Tone switch
    {
        AvailabilityTone.Good => "text-success",
        AvailabilityTone.Notice => "text-warning",
        _ => "text-muted",
    };
}

public enum AvailabilityTone
{
    Good,
    Notice,
    Muted,
}
