using Diecast.Api.GraphQL;

namespace Diecast.Api.Payments;

/// <summary>The payments part of the Payments feature: the webhook inbox and its worker, settlement, confirmPayment, reconciliation, refunds.</summary>
public static class PaymentProcessing
{
    /// <summary>Called from <c>AddPayments()</c>.</summary>
    public static IServiceCollection AddPaymentProcessing(this IServiceCollection services)
    {
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section);
        services.AddMutationFields(mutation => mutation.AddPaymentMutations());
        services.AddSingleton<RazorpayWebhookSignal>();
        services.AddSingleton<RazorpayWebhookInbox>();
        services.AddSingleton<PaymentSettlement>();
        services.AddSingleton<PaymentFollowUps>();
        services.AddSingleton<PaymentConfirmations>();
        services.AddSingleton<OrderRefunds>();
        services.AddScoped<PaymentsByOrderIdDataLoader>();
        services.AddScoped<RefundsByOrderIdDataLoader>();
        // One instance each, so tests can reach the same object the host runs (RunOnceAsync).
        services.AddSingleton<RazorpayWebhookProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<RazorpayWebhookProcessor>());
        services.AddSingleton<PaymentReconciliation>();
        services.AddHostedService(sp => sp.GetRequiredService<PaymentReconciliation>());
        return services;
    }
}
