namespace Diecast.Storefront.Pages.Checkout;

/// <summary>
/// How the order page opens payment: configuration section "Storefront" (<c>Storefront__PaymentSimulatorUrl</c>).
/// </summary>
public sealed class PaymentOptions
{
    public const string Section = "Storefront";

    /// <summary>
    /// The API's payment simulator page (e.g. http://localhost:5080/simulator/checkout), set by <c>./run.sh</c> for an
    /// API without Razorpay keys. Set: "Pay" is a plain link to it (no JavaScript needed) with our callback URL, and a
    /// tester chooses success or failure there. Unset (Production): "Pay" opens Razorpay Checkout with Razorpay's own
    /// script, which needs JavaScript. The key id decides nothing: test keys are real Razorpay too.
    /// </summary>
    public Uri? PaymentSimulatorUrl { get; set; }
}

/// <summary>Registers the checkout and order pages' services.</summary>
public static class CheckoutRegistration
{
    public static IServiceCollection AddCheckoutPages(this IServiceCollection services)
    {
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section);
        return services;
    }
}
