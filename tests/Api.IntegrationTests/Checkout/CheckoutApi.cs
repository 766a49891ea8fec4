using Microsoft.AspNetCore.Hosting;

namespace Diecast.Api.IntegrationTests.Checkout;

/// <summary>
/// The API in-process against a fake Razorpay on 127.0.0.1 (<see cref="Razorpay"/>; its failure injection plays outages).
/// </summary>
public sealed class CheckoutApi : ApiFactory, IAsyncLifetime
{
    private FakeRazorpay? _razorpay;

    public FakeRazorpay Razorpay => _razorpay ?? throw new InvalidOperationException("Not started.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _razorpay = await FakeRazorpay.StartAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_razorpay is not null)
        {
            await _razorpay.DisposeAsync();
        }
    }

    /// <summary>While true, making a Razorpay order throws (the Razorpay edge's own behaviour otherwise).</summary>
    public bool RazorpayDown { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (name, value) in Razorpay.Settings)
        {
            builder.UseSetting(name, value);
        }
    }
}
