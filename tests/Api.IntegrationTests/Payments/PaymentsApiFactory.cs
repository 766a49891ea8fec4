using Diecast.Api.Payments;
using Microsoft.AspNetCore.Hosting;

namespace Diecast.Api.IntegrationTests.Payments;

/// <summary>
/// The API with Razorpay test keys and its background payment work switched off, so a test decides when the inbox
/// worker and reconciliation run (<see cref="ProcessWebhooksAsync"/>, <see cref="ReconcileAsync"/>) instead of waiting.
/// </summary>
public class PaymentsApiFactory : ApiFactory
{
    /// <summary>Where the Razorpay client calls; tests that need Razorpay's answers start the fake there.</summary>
    public string RazorpayBaseUrl { get; set; } = "http://127.0.0.1:9/";

    public Task<int> ProcessWebhooksAsync() => Services.GetRequiredService<RazorpayWebhookProcessor>().RunOnceAsync(CancellationToken.None);

    public Task<int> ReconcileAsync() => Services.GetRequiredService<PaymentReconciliation>().RunOnceAsync(CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Razorpay:KeyId", PaymentTestData.KeyId);
        builder.UseSetting("Razorpay:KeySecret", PaymentTestData.KeySecret);
        builder.UseSetting("Razorpay:WebhookSecret", PaymentTestData.WebhookSecret);
        builder.UseSetting("Razorpay:PreviousWebhookSecret", PaymentTestData.PreviousWebhookSecret);
        builder.UseSetting("Razorpay:BaseUrl", RazorpayBaseUrl);
        // A call Razorpay does not answer fails at once: tests inject the failures they mean.
        builder.UseSetting("Razorpay:MaxRetries", "0");
        builder.UseSetting("Payments:WebhookWorkerEnabled", "false");
        builder.UseSetting("Payments:ReconciliationEnabled", "false");
    }
}
