using Diecast.Api.Payments.Simulator;
using Diecast.Storefront.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>
/// The same purchase with two API processes and two storefront processes behind one address (YARP, round robin): the
/// shopper's requests land on both storefronts (the cart cookie opens on either), each storefront talks to its own API,
/// and Razorpay's webhooks arrive at the API instance that did not create the order. The confirmation must not depend
/// on the webhook: Razorpay is made to fail confirmPayment's look-up and the webhooks are held, so the page shows
/// "confirming" first, then turns to paid when the held webhooks reach the other instance.
/// </summary>
[Collection(PairCollection.Name)]
public sealed class ScaledOutPurchaseTests(PairShop shop)
{
    private ShopCluster Cluster => shop.Cluster;

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task A_purchase_through_one_address_is_confirmed_by_a_webhook_at_the_api_that_did_not_create_the_order(string viewport)
    {
        var razorpay = Cluster.Razorpay!;
        var products = await Shopper.InStockAsync(Cluster, 2, skip: viewport == "phone" ? 0 : 2);
        var (first, second) = (products[0], products[1]);
        await using var tab = await ShopTab.OpenAsync(Cluster.Browser, Cluster.Address, Viewport.Named(viewport), "e2e-two-of-each");
        var answeredBy = new List<string>();
        tab.Page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Headers.TryGetValue(FrontDoor.InstanceHeader.ToLowerInvariant(), out var instance))
            {
                answeredBy.Add(instance);
            }
        };
        var shopper = new Shopper(tab, Cluster);
        await tab.RunAsync(async () =>
        {
            await shopper.AddToCartAsync(first);
            await shopper.AddToCartAsync(second);
            await shopper.ChangeQuantityAsync(first, 2);
            var email = $"{viewport}.scaled@example.com";
            var number = await shopper.CheckOutAsync(email);

            razorpay.HoldWebhooks();
            // confirmPayment's look-up of the payment fails (the first attempt and its three retries): the callback
            // answers with the order as it stands, unpaid, and only the webhook can settle it.
            razorpay.Engine.FailNext(SimulatorRoutes.GetPayment, SimulatedFailureKind.ServerError, times: 4);
            await shopper.PayAsync("Pay successfully");
            await shopper.WaitForPanelAsync("Confirming");
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("the confirmation, payment received and not yet confirmed");
            await tab.ScreenshotAsync("confirming");

            razorpay.ReleaseWebhooks();
            await shopper.WaitForPanelAsync("Settled");
            await Expect(tab.Page.Locator("#payment-status")).ToHaveAttributeAsync("data-status", "PAID");
            await tab.AssertAccessibleAsync("the confirmation, paid");
            await tab.ScreenshotAsync("confirmed");

            // Every webhook of this order went to the instance that did not create it, and was accepted there.
            var created = razorpay.CreatorOf(number);
            Assert.NotNull(created);
            var deliveries = razorpay.Deliveries.Where(d => d.OrderNumber == number).ToList();
            Assert.Contains(deliveries, d => d.Event == "payment.captured");
            Assert.All(deliveries, d => Assert.Equal((1 - created.Value, System.Net.HttpStatusCode.OK), (d.DeliveredTo, d.Status!.Value)));
            // Stored by the receiver; any instance's inbox worker may then process it (they share the inbox).
            var captured = deliveries.First(d => d.Event == "payment.captured");
            await Eventually.HoldsAsync(
                () => Task.FromResult(Cluster.Apis.Any(api => api.Output.Contains($"Razorpay webhook {captured.EventId} (payment.captured):", StringComparison.Ordinal))),
                $"an API to process {captured.EventId}");

            // Both storefronts served this shopper (its cart opened on each), and both APIs read the same paid order.
            Assert.Equal(["storefront-1", "storefront-2"], answeredBy.Distinct().Order());
            foreach (var instance in new[] { 0, 1 })
            {
                PurchaseTests.AssertPaidOrder(await Shopper.AdminOrderAsync(Cluster, number, instance), email, (first, 2), (second, 1));
            }

            Assert.Equal(first.Stock - 2, await Shopper.StockAsync(Cluster, first.Id));
            Assert.Equal(second.Stock - 1, await Shopper.StockAsync(Cluster, second.Id));
        });
    }
}
