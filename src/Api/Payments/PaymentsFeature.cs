using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Payments;

/// <summary>Razorpay payments: the webhook inbox and its worker, payment settlement, reconciliation and refunds.</summary>
public static class PaymentsFeature
{
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        // The Razorpay edge: options, the typed client, Razorpay-order creation, the payment simulator.
        services.AddRazorpay();
        return services;
    }

    extension(DiecastDbContext db)
    {
        public DbSet<Payment> Payments => db.Set<Payment>();

        public DbSet<Refund> Refunds => db.Set<Refund>();

        public DbSet<RazorpayWebhookDelivery> RazorpayWebhookDeliveries => db.Set<RazorpayWebhookDelivery>();
    }
}
