using System.Threading.Channels;
using Diecast.Api.Payments.Razorpay;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Payments.Simulator;

/// <summary>
/// The Development payment simulator: when <see cref="RazorpayOptions.IsSimulated"/>, this API plays Razorpay with one
/// <see cref="RazorpaySimulator"/> (the engine the tests' fake Razorpay runs too), signing with the generated keys the
/// options carry, and posts the webhooks it makes to this API's own POST /api/webhooks/razorpay. Never in Production
/// (RazorpayOptionsRules refuses it there).
/// </summary>
public sealed class PaymentSimulator : IDisposable
{
    /// <summary>Where the simulator posts webhooks: our own endpoint (the payments part's), as Razorpay would.</summary>
    public const string WebhookPath = "/api/webhooks/razorpay";

    private readonly Channel<SimulatedWebhook> _outbox = Channel.CreateUnbounded<SimulatedWebhook>(new UnboundedChannelOptions { SingleReader = true });

    public PaymentSimulator(IOptions<RazorpayOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var razorpay = options.Value;
        if (!razorpay.IsSimulated)
        {
            return;
        }

        Engine = new RazorpaySimulator(razorpay.KeyId!, razorpay.KeySecret!, razorpay.WebhookSecret!, time) { ProcessRefundsAtOnce = true };
        Engine.WebhookEmitted += webhook => _outbox.Writer.TryWrite(webhook);
    }

    /// <summary>The engine, or null when real Razorpay keys are configured (no simulator).</summary>
    public RazorpaySimulator? Engine { get; }

    /// <summary>Webhooks made and not yet posted, in order.</summary>
    public ChannelReader<SimulatedWebhook> Outbox => _outbox.Reader;

    public void Dispose()
    {
        _outbox.Writer.TryComplete();
        Engine?.Dispose();
    }
}
