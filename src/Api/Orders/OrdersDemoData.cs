using Diecast.Api.Catalog;
using Diecast.Api.Data.Seed;

namespace Diecast.Api.Orders;

/// <summary>The demo shop's orders, from DemoData/orders.json; their items name the catalog's demo products by slug.</summary>
internal sealed class OrdersDemoData : JsonDemoData<Order, OrdersDemoData.OrderSeed>
{
    protected override string FileName => "orders.json";

    protected override string Plural => "orders";

    protected override async Task<List<Order>> ToEntitiesAsync(DiecastDbContext db, List<OrderSeed> rows, CancellationToken cancellationToken)
    {
        var slugs = rows.SelectMany(o => o.Items).Select(i => i.ProductSlug).Distinct().ToList();
        var productsBySlug = await db.Products.IgnoreQueryFilters().Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, cancellationToken);
        return rows.ConvertAll(o => o.ToOrder(productsBySlug));
    }

    internal sealed record OrderItemSeed(string ProductSlug, int Quantity);

    /// <summary>An order as orders.json writes it: its two statuses; money facts and the timeline follow from them (<see cref="OrderDemoTimelines"/>).</summary>
    internal sealed record OrderSeed(
        string CustomerName, string CustomerEmail, string CustomerPhone, ShippingAddress ShippingAddress, PaymentStatus PaymentStatus,
        FulfilmentStatus FulfilmentStatus, List<OrderItemSeed> Items, DateTime PlacedAt, string? RazorpayOrderId, string? RazorpayPaymentId)
    {
        public Order ToOrder(Dictionary<string, Product> productsBySlug)
        {
            var items = Items.Select(i =>
            {
                var product = productsBySlug[i.ProductSlug];
                return new OrderItem { ProductId = product.Id, ProductName = product.Name, UnitPrice = product.Price, Quantity = i.Quantity };
            }).ToList();
            var subtotal = items.Sum(i => i.UnitPrice * i.Quantity);
            var shipping = ShippingFees.For(subtotal);
            var placedAt = PlacedAt.ToUniversalTime();
            var order = new Order
            {
                CustomerName = CustomerName,
                CustomerEmail = CustomerEmail,
                CustomerPhone = CustomerPhone,
                ShippingAddress = ShippingAddress,
                PaymentStatus = PaymentStatus,
                FulfilmentStatus = FulfilmentStatus,
                Items = items,
                Subtotal = subtotal,
                ShippingFee = shipping,
                Total = subtotal + shipping,
                RazorpayOrderId = RazorpayOrderId,
                RazorpayPaymentId = RazorpayPaymentId,
                CreatedAt = placedAt,
            };
            OrderDemoTimelines.Tell(order, placedAt);
            return order;
        }
    }
}
