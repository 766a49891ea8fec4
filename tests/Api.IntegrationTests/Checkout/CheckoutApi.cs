using Diecast.Api.Checkout;
using Diecast.Api.Orders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Diecast.Api.IntegrationTests.Checkout;

/// <summary>The API in-process, with a switch that makes Razorpay's order creation fail, as an outage would.</summary>
public sealed class CheckoutApi : ApiFactory
{
    /// <summary>While true, making a Razorpay order throws (the Razorpay edge's own behaviour otherwise).</summary>
    public bool RazorpayDown { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IRazorpayCheckout));
            services.Add(ServiceDescriptor.Scoped<IRazorpayCheckout>(sp => new Switchable((IRazorpayCheckout)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!), this)));
        });
    }

    private sealed class Switchable(IRazorpayCheckout real, CheckoutApi api) : IRazorpayCheckout
    {
        public Task<string> EnsureOrderAsync(Order order, CancellationToken cancellationToken) =>
            api.RazorpayDown ? throw new HttpRequestException("Razorpay is down (test).") : real.EnsureOrderAsync(order, cancellationToken);

        public CheckoutPayment Options(Order order, string razorpayOrderId) => real.Options(order, razorpayOrderId);
    }
}
