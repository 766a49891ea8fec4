using Diecast.Api.GraphQL;
using FluentValidation;

namespace Diecast.Api.Checkout;

/// <summary>Checkout: public order placement with stock reservation, the stock hold's expiry, and customers' access to their orders.</summary>
public static class CheckoutFeature
{
    public static IServiceCollection AddCheckout(this IServiceCollection services)
    {
        services.AddOptions<CheckoutOptions>().BindConfiguration(CheckoutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddQueryFields(query => query.AddCheckoutQueries());
        services.AddMutationFields(mutation => mutation.AddCheckoutMutations());
        services.AddSingleton<IValidator<PlaceOrderInput>, PlaceOrderInputValidator>();
        services.AddSingleton<OrderTokens>();
        services.AddSingleton<CheckoutCatalog>();
        services.AddScoped<IRazorpayCheckout, RazorpayCheckout>();
        services.AddScoped<CustomerOrders>();
        services.AddScoped<PlaceOrder>();
        services.AddScoped<CheckoutQuotes>();
        services.AddSingleton<OrderHoldExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderHoldExpiry>());
        return services;
    }
}
