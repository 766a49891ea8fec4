namespace Diecast.Api.Checkout;

/// <summary>Checkout: public order placement with stock reservation, the stock hold's expiry, and customers' access to their orders.</summary>
public static class CheckoutFeature
{
    public static IServiceCollection AddCheckout(this IServiceCollection services) => services;
}
