namespace Diecast.Api.IntegrationTests.Payments;

/// <summary><see cref="PaymentsApiFactory"/> talking to a fake Razorpay on 127.0.0.1 with the same keys.</summary>
public sealed class RazorpayPaymentsFactory : PaymentsApiFactory, IAsyncLifetime
{
    public FakeRazorpay Razorpay { get; private set; } = null!;

    /// <summary>Where this instance receives webhooks, for <see cref="FakeRazorpay.PayAsync"/>.</summary>
    public Uri WebhookTarget => new(Server.BaseAddress, "/api/webhooks/razorpay");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Razorpay = await FakeRazorpay.StartAsync(keyId: PaymentTestData.KeyId, keySecret: PaymentTestData.KeySecret, webhookSecret: PaymentTestData.WebhookSecret);
        RazorpayBaseUrl = Razorpay.BaseUrl.ToString();
    }

    /// <summary>An order waiting for payment (see <see cref="PaymentTestData.CreateOrderAsync"/>) whose Razorpay order exists on the fake, for its total.</summary>
    public async Task<PaidOrderSetup> CreateOrderAsync(int stock = 5, int quantity = 2, string paymentStatus = "awaiting_payment", string reservationStatus = "held", bool cancelled = false)
    {
        var paise = (long)(PaymentTestData.TotalOf(quantity) * 100);
        using var request = JsonDocument.Parse($$$$"""{"amount":{{{{paise}}}},"currency":"INR","receipt":"test","payment":{"capture":"automatic","capture_options":{"automatic_expiry_period":30,"manual_expiry_period":7200}}}""");
        var answer = Razorpay.State.CreateOrder(request.RootElement);
        var razorpayOrderId = answer.Body["id"]!.GetValue<string>();
        return await PaymentTestData.CreateOrderAsync(ConnectionString, stock, quantity, paymentStatus, reservationStatus, cancelled, razorpayOrderId);
    }

    private int _delivered;

    /// <summary>POSTs every webhook the fake made since the last call to this instance, in order (each must get 200).</summary>
    public async Task DeliverWebhooksAsync()
    {
        using var client = CreateClient();
        var webhooks = Razorpay.State.Webhooks;
        for (; _delivered < webhooks.Count; _delivered++)
        {
            using var response = await FakeRazorpay.PostWebhookAsync(WebhookTarget, webhooks[_delivered], client);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{webhooks[_delivered].Event} got {(int)response.StatusCode}");
            }
        }
    }

    /// <summary>Every webhook the fake made since the last delivery is lost: none will reach this instance.</summary>
    public void LoseWebhooks() => _delivered = Razorpay.State.Webhooks.Count;

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Razorpay.DisposeAsync();
    }
}
