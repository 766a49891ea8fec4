using Diecast.Api.Payments.Simulator;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// axe-core (no serious or critical violations) and soundness on the checkout (blank, and with every field's error
/// shown), the order page in each payment state, and find-your-order (blank, errors, a miss), on a phone and a desktop.
/// </summary>
[Collection(CheckoutBrowserCollection.Name)]
public sealed class CheckoutAccessibilityTests(CheckoutBrowserShop shop)
{
    public static TheoryData<string> Viewports => new() { "phone", "desktop" };

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task The_checkout_is_accessible_blank_and_with_every_error_shown(string viewport)
    {
        var (slug, _) = await shop.ProductInStockAsync();
        await using var tab = await shop.OpenTabAsync(Viewport.Named(viewport), "axe-checkout");
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync("/cars/" + slug);
            await tab.Page.Locator("#purchase button[type=submit]").ClickAsync();
            await tab.Page.WaitForURLAsync("**/cart**");
            await tab.GotoAsync("/checkout");
            await tab.ScreenshotAsync("blank");
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("checkout");

            await tab.Page.Locator("#place-order").ClickAsync();
            await tab.Page.Locator("#checkout-error-summary").WaitForAsync();
            Assert.Equal(7, await tab.Page.Locator(".field-error").CountAsync());
            await tab.ScreenshotAsync("errors");
            await tab.AssertAccessibleAsync("checkout with errors");
        });
    }

    public static TheoryData<string, string> OrderStates()
    {
        var data = new TheoryData<string, string>();
        foreach (var viewport in new[] { "phone", "desktop" })
        {
            foreach (var state in new[] { "pending", "paid", "failed", "confirming", "missing" })
            {
                data.Add(viewport, state);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OrderStates))]
    public async Task The_order_page_is_accessible_in_every_payment_state(string viewport, string state)
    {
        var (token, razorpayOrderId) = await shop.PlaceOrderAsync();
        var path = "/orders/" + token;
        var status = 200;
        switch (state)
        {
            case "paid":
                await shop.PayAsync(token, razorpayOrderId, SimulatedPaymentOutcome.Captured);
                break;
            case "failed":
                await shop.PayAsync(token, razorpayOrderId, SimulatedPaymentOutcome.Failed);
                path += "?payment=failed";
                break;
            case "confirming":
                await shop.PayAsync(token, razorpayOrderId, SimulatedPaymentOutcome.Authorized);
                // The last check: the page no longer refreshes itself, so axe reads a still page.
                path += "?payment=received&check=20";
                break;
            case "missing":
                path = "/orders/" + token[..^6];
                status = 404;
                break;
        }

        var panel = state switch { "pending" => "Pay", "paid" => "Settled", "failed" => "Failed", "confirming" => "Confirming", _ => null };
        await using var tab = await shop.OpenTabAsync(Viewport.Named(viewport), "axe-order-" + state);
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync(path, status);
            if (panel is not null)
            {
                Assert.Equal(panel, await tab.Page.Locator("#payment-panel").GetAttributeAsync("data-panel"));
            }

            await tab.ScreenshotAsync("page");
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("order page, " + state);
        });
    }

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task Find_your_order_is_accessible_blank_with_errors_and_after_a_miss(string viewport)
    {
        await using var tab = await shop.OpenTabAsync(Viewport.Named(viewport), "axe-find");
        await tab.RunAsync(async () =>
        {
            await tab.GotoAsync("/orders/find");
            await tab.AssertSoundAsync();
            await tab.AssertAccessibleAsync("find your order");

            await tab.Page.Locator("#find-submit").ClickAsync();
            await tab.Page.Locator("#find-number-error").WaitForAsync();
            await tab.ScreenshotAsync("errors");
            await tab.AssertAccessibleAsync("find your order with errors");

            await tab.Page.Locator("#find-number").FillAsync("DC-99999999");
            await tab.Page.Locator("#find-email").FillAsync("nobody@example.com");
            await tab.Page.Locator("#find-submit").ClickAsync();
            await tab.Page.Locator("#find-notice").WaitForAsync();
            await tab.ScreenshotAsync("miss");
            await tab.AssertAccessibleAsync("find your order after a miss");
        });
    }
}
