namespace Diecast.Storefront.Components;

/// <summary>
/// The CarCard partial's model: <c>&lt;partial name="CarCard" model="new CarCardModel(car)" /&gt;</c>. The card of the
/// page's largest picture (the first of a grid above the fold) says <c>Priority: true</c>; <c>Sizes</c> tells the
/// browser how wide the card's picture is drawn, <c>HeadingLevel</c> (2 or 3) keeps headings in order on the page around it.
/// </summary>
public sealed record CarCardModel(
    ICarCard Car,
    bool Priority = false,
    string Sizes = ResponsiveImageTagHelper.GridSizes,
    int HeadingLevel = 3)
{
    public string Href => ProductUrl.For(Car.Slug);

    public IResponsiveImage? Picture => Car.Gallery.Count > 0 ? Car.Gallery[0] : null;

    public Availability Availability => Availability.Of(Car);

    /// <summary>Whether the card offers "Add to cart": on sale with stock, or taking pre-orders (what placeOrder accepts).</summary>
    public bool CanBuy => Car.Status == CollectionStatus.PreOrder || (Car.Status == CollectionStatus.Available && Car.InStock);

    /// <summary>The most the card's quantity offers: the cart's per-line maximum, or fewer when only a few are left.</summary>
    public int MaxQuantity(int maxQuantityPerLine) =>
        Math.Min(maxQuantityPerLine, Car.Status == CollectionStatus.PreOrder ? int.MaxValue : Car.FewLeft ?? int.MaxValue);
}

/// <summary>The product page's address.</summary>
public static class ProductUrl
{
    public static string For(string slug) => "/cars/" + Uri.EscapeDataString(slug);
}
