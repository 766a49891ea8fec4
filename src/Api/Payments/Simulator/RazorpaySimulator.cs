using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Payments.Simulator;

/// <summary>What the simulator answers a call: a status and Razorpay's JSON (an entity, a collection or an error body).</summary>
public sealed record SimulatorAnswer(int Status, JsonNode Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// Razorpay played in memory: orders, payments, refunds and signed webhooks with Razorpay's rules and error bodies
/// (razorpay.md §1, §2, §4, §5). One engine behind the tests' fake Razorpay (its own Kestrel on 127.0.0.1) and the
/// Development payment simulator (routes in this API). Thread-safe; amounts in paise, as Razorpay keeps them.
/// REVIEW: state is in memory, not PostgreSQL: it is Razorpay's state, not the shop's (the shop's own is all in
/// PostgreSQL); a restart forgets simulated orders, as if a test account were wiped, and each API instance plays its
/// own Razorpay — point several instances at one with Razorpay__BaseUrl.
/// </summary>
public sealed class RazorpaySimulator : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SimulatedOrder> _orders = [];
    private readonly Dictionary<string, SimulatedPayment> _payments = [];
    private readonly Dictionary<string, SimulatedRefund> _refunds = [];
    private readonly Dictionary<string, IdempotentRefund> _refundKeys = [];
    private readonly Dictionary<string, Queue<(SimulatedFailureKind Kind, TimeSpan? RetryAfter)>> _failures = [];
    private readonly List<SimulatedRequest> _requests = [];
    private readonly List<SimulatedWebhook> _webhooks = [];
    private readonly List<(string Route, int Count, TaskCompletionSource Reached)> _callWaiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;
    private readonly string _expectedAuthorization;

    public RazorpaySimulator(string keyId, string keySecret, string webhookSecret, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(keySecret);
        ArgumentException.ThrowIfNullOrEmpty(webhookSecret);
        KeyId = keyId;
        KeySecret = keySecret;
        WebhookSecret = webhookSecret;
        _time = time ?? TimeProvider.System;
        _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keyId}:{keySecret}"));
    }

    /// <summary>Raised (outside the lock) for each webhook delivery the simulator makes: the Development simulator posts them.</summary>
    public event Action<SimulatedWebhook>? WebhookEmitted;

    public string KeyId { get; }

    public string KeySecret { get; }

    public string WebhookSecret { get; }

    /// <summary>Processes each refund as soon as it is created (refund.processed follows refund.created), as the Development simulator does.</summary>
    public bool ProcessRefundsAtOnce { get; set; }

    /// <summary>Cancelled when the simulator is disposed: ends hanging calls.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public IReadOnlyList<SimulatedOrder> Orders => Snapshot(_orders.Values);

    public IReadOnlyList<SimulatedPayment> Payments => Snapshot(_payments.Values);

    public IReadOnlyList<SimulatedRefund> Refunds => Snapshot(_refunds.Values);

    /// <summary>Every request the API received, in order.</summary>
    public IReadOnlyList<SimulatedRequest> Requests => Snapshot(_requests);

    /// <summary>Every webhook delivery made, in order.</summary>
    public IReadOnlyList<SimulatedWebhook> Webhooks => Snapshot(_webhooks);

    /// <summary>How many calls <paramref name="route"/> (a <see cref="SimulatorRoutes"/> name) received, refused ones included.</summary>
    public int Calls(string route)
    {
        lock (_lock)
        {
            return _requests.Count(request => request.Route == route);
        }
    }

    public SimulatedOrder? FindOrder(string id)
    {
        lock (_lock)
        {
            return _orders.GetValueOrDefault(id);
        }
    }

    public SimulatedPayment? FindPayment(string id)
    {
        lock (_lock)
        {
            return _payments.GetValueOrDefault(id);
        }
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="route"/> play <paramref name="kind"/> (429 with <paramref name="retryAfter"/>).</summary>
    public void FailNext(string route, SimulatedFailureKind kind, int times = 1, TimeSpan? retryAfter = null)
    {
        lock (_lock)
        {
            if (!_failures.TryGetValue(route, out var queue))
            {
                _failures[route] = queue = new();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue((kind, retryAfter));
            }
        }
    }

    /// <summary>Completes once <paramref name="route"/> has received <paramref name="count"/> calls: a test waits on it instead of polling.</summary>
    public Task CallsReached(string route, int count)
    {
        lock (_lock)
        {
            if (_requests.Count(request => request.Route == route) >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _callWaiters.Add((route, count, reached));
            return reached.Task;
        }
    }

    /// <summary>Records a call and takes its injected failure, if any.</summary>
    public (SimulatedFailureKind Kind, TimeSpan? RetryAfter)? Received(SimulatedRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
            foreach (var waiter in _callWaiters.Where(w => w.Route == request.Route && _requests.Count(r => r.Route == w.Route) >= w.Count).ToList())
            {
                _callWaiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }

            return _failures.TryGetValue(request.Route, out var queue) && queue.TryDequeue(out var failure) ? failure : null;
        }
    }

    /// <summary>Whether the header is exactly <c>Basic base64(key_id:key_secret)</c> (razorpay.md §1), compared in constant time.</summary>
    public bool IsAuthorized(string? authorization) =>
        authorization is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization), Encoding.UTF8.GetBytes(_expectedAuthorization));

    // ---- Razorpay's API ----

    /// <summary>POST /v1/orders (api/orders/create.md, payments/payments/capture-settings/api.md).</summary>
    public SimulatorAnswer CreateOrder(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Error(400, "The request body must be a JSON object.", null);
        }

        if (!body.TryGetProperty("amount", out var amountJson) || amountJson.ValueKind != JsonValueKind.Number || !amountJson.TryGetInt64(out var amount))
        {
            return Error(400, "The amount must be an integer.", "amount");
        }

        if (amount < RazorpayAmounts.MinimumOrderPaise)
        {
            return Error(400, "The amount must be at least INR 1.00", "amount");
        }

        var currency = Text(body, "currency");
        if (currency != "INR")
        {
            return Error(400, "Currency is not supported", "currency");
        }

        var receipt = Text(body, "receipt");
        if (receipt is { Length: > RazorpayClient.MaxReceiptLength })
        {
            return Error(400, "The receipt may not be greater than 40 characters.", "receipt");
        }

        if (ReadNotes(body, out var notes) is { } notesError)
        {
            return notesError;
        }

        var capture = "automatic";
        int? automatic = null, manual = null;
        string? refundSpeed = null;
        if (body.TryGetProperty("payment", out var payment) && payment.ValueKind == JsonValueKind.Object)
        {
            capture = Text(payment, "capture") ?? "automatic";
            if (capture is not ("automatic" or "manual"))
            {
                return Error(400, "The capture field is invalid.", "payment.capture");
            }

            if (payment.TryGetProperty("capture_options", out var options) && options.ValueKind == JsonValueKind.Object)
            {
                automatic = Minutes(options, "automatic_expiry_period");
                manual = Minutes(options, "manual_expiry_period");
                refundSpeed = Text(options, "refund_speed");
                if (automatic is < 12)
                {
                    return Error(400, "automatic_expiry_period must be at least 12 minutes.", "payment.capture_options.automatic_expiry_period");
                }

                if (manual is > RazorpayClient.ManualExpiryMinutes || (manual is { } m && automatic is { } a && m < a))
                {
                    return Error(400, "manual_expiry_period must be at most 7200 minutes and not below automatic_expiry_period.", "payment.capture_options.manual_expiry_period");
                }

                if (refundSpeed is not (null or "normal" or "optimum"))
                {
                    return Error(400, "refund_speed must be normal or optimum.", "payment.capture_options.refund_speed");
                }
            }
        }

        var order = new SimulatedOrder(
            NewId("order_"), amount, 0, currency, receipt, RazorpayStatuses.OrderCreated, 0, notes, capture, automatic, manual, refundSpeed, Now());
        lock (_lock)
        {
            _orders[order.Id] = order;
        }

        return new SimulatorAnswer(200, OrderJson(order));
    }

    /// <summary>GET /v1/orders with ?receipt= (newest first, as Razorpay lists), count and skip.</summary>
    public SimulatorAnswer ListOrders(string? receipt, int count, int skip)
    {
        List<SimulatedOrder> found;
        lock (_lock)
        {
            found = [.. _orders.Values.Where(order => receipt is null || order.Receipt == receipt).OrderByDescending(order => order.CreatedAt)
                .Skip(Math.Max(skip, 0)).Take(Math.Clamp(count, 1, 100))];
        }

        return new SimulatorAnswer(200, Collection(found.Select(OrderJson)));
    }

    /// <summary>GET /v1/orders/{id}.</summary>
    public SimulatorAnswer GetOrder(string id) => FindOrder(id) is { } order ? new SimulatorAnswer(200, OrderJson(order)) : NoSuchId();

    /// <summary>GET /v1/orders/{id}/payments.</summary>
    public SimulatorAnswer GetOrderPayments(string id)
    {
        lock (_lock)
        {
            return _orders.ContainsKey(id)
                ? new SimulatorAnswer(200, Collection(_payments.Values.Where(p => p.OrderId == id).OrderBy(p => p.CreatedAt).Select(PaymentJson)))
                : NoSuchId();
        }
    }

    /// <summary>GET /v1/payments/{id}.</summary>
    /// <summary>GET /v1/refunds/{id} (api/refunds/fetch-with-id.md).</summary>
    public SimulatorAnswer GetRefund(string id)
    {
        lock (_lock)
        {
            return _refunds.TryGetValue(id, out var refund) ? new SimulatorAnswer(200, RefundJson(refund)) : NoSuchId();
        }
    }

    public SimulatorAnswer GetPayment(string id) => FindPayment(id) is { } payment ? new SimulatorAnswer(200, PaymentJson(payment)) : NoSuchId();

    /// <summary>POST /v1/payments/{id}/capture {amount, currency} (api/payments/capture.md): only an authorised payment, for its whole amount.</summary>
    public SimulatorAnswer CapturePayment(string id, JsonElement body)
    {
        long amount = 0;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("amount", out var amountJson) || !amountJson.TryGetInt64(out amount))
        {
            return Error(400, "The amount field is required.", "amount");
        }

        SimulatedPayment captured;
        lock (_lock)
        {
            if (!_payments.TryGetValue(id, out var payment))
            {
                return NoSuchId();
            }

            if (payment.Status == RazorpayStatuses.PaymentCaptured || payment.Status == RazorpayStatuses.PaymentRefunded)
            {
                return Error(400, "This payment has already been captured", null);
            }

            if (payment.Status != RazorpayStatuses.PaymentAuthorized)
            {
                return Error(400, "Only payments which have been authorized and not yet captured can be captured", null);
            }

            if (amount != payment.AmountPaise || Text(body, "currency") != payment.Currency)
            {
                return Error(400, "Capture amount must be equal to the amount authorized", "amount");
            }

            captured = CaptureLocked(payment);
        }

        EmitCaptured(captured);
        return new SimulatorAnswer(200, PaymentJson(captured));
    }

    /// <summary>
    /// POST /v1/payments/{id}/refund {amount?, speed, notes} (api/refunds/create-normal.md): of a captured payment, at most
    /// what is left. Idempotency (X-Refund-Idempotency) is the API layer's: <see cref="BeginRefund"/>.
    /// </summary>
    public SimulatorAnswer RefundPayment(string id, JsonElement body, string? idempotencyKey)
    {
        if (body.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
        {
            return Error(400, "The request body must be a JSON object.", null);
        }

        long? amount = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("amount", out var amountJson) && amountJson.ValueKind != JsonValueKind.Null)
        {
            if (!amountJson.TryGetInt64(out var paise) || paise < 100)
            {
                return Error(400, "The amount must be atleast INR 1.00", "amount");
            }

            amount = paise;
        }

        var speed = body.ValueKind == JsonValueKind.Object ? Text(body, "speed") ?? "normal" : "normal";
        if (ReadNotes(body, out var notes) is { } notesError)
        {
            return notesError;
        }

        SimulatedRefund refund;
        lock (_lock)
        {
            if (!_payments.TryGetValue(id, out var payment))
            {
                return NoSuchId();
            }

            if (payment.Status is not (RazorpayStatuses.PaymentCaptured or RazorpayStatuses.PaymentRefunded))
            {
                return Error(400, "The payment has not been captured, so it cannot be refunded", null);
            }

            var left = payment.AmountPaise - payment.AmountRefundedPaise;
            var refunding = amount ?? left;
            if (refunding <= 0 || refunding > left)
            {
                return Error(400, "The refund amount provided is greater than amount captured", "amount");
            }

            refund = new SimulatedRefund(NewId("rfnd_"), id, refunding, payment.Currency, RazorpayStatuses.RefundPending, speed, idempotencyKey, notes, Now());
            _refunds[refund.Id] = refund;
            var refunded = payment.AmountRefundedPaise + refunding;
            _payments[id] = payment with
            {
                AmountRefundedPaise = refunded,
                Status = refunded == payment.AmountPaise ? RazorpayStatuses.PaymentRefunded : payment.Status,
            };
        }

        Emit(RazorpayEvents.RefundCreated, refundId: refund.Id);
        if (ProcessRefundsAtOnce)
        {
            refund = SettleRefund(refund.Id, succeed: true);
        }

        return new SimulatorAnswer(200, RefundJson(refund));
    }

    /// <summary>Settles a pending refund (refund.processed, or refund.failed which gives the amount back to the payment) and sends its webhook.</summary>
    public SimulatedRefund SettleRefund(string refundId, bool succeed)
    {
        SimulatedRefund settled;
        lock (_lock)
        {
            var refund = _refunds.TryGetValue(refundId, out var found) ? found : throw new KeyNotFoundException($"No refund {refundId}.");
            if (refund.Status != RazorpayStatuses.RefundPending)
            {
                throw new InvalidOperationException($"Refund {refundId} is already {refund.Status}.");
            }

            settled = _refunds[refundId] = refund with { Status = succeed ? RazorpayStatuses.RefundProcessed : RazorpayStatuses.RefundFailed };
            if (!succeed)
            {
                var payment = _payments[refund.PaymentId];
                _payments[refund.PaymentId] = payment with
                {
                    AmountRefundedPaise = payment.AmountRefundedPaise - refund.AmountPaise,
                    Status = payment.CapturedAt is null ? payment.Status : RazorpayStatuses.PaymentCaptured,
                };
            }
        }

        Emit(succeed ? RazorpayEvents.RefundProcessed : RazorpayEvents.RefundFailed, refundId: refundId);
        return settled;
    }

    // ---- X-Refund-Idempotency (api/refunds/normal-refunds-idempotent.md) ----

    /// <summary>How a refund call with an idempotency key starts.</summary>
    public enum RefundStart
    {
        /// <summary>A new key: go on, then call <see cref="EndRefund"/>.</summary>
        Proceed,

        /// <summary>The key was used with this body: answer <c>replay</c>, the same refund.</summary>
        Replay,

        /// <summary>The key was used with another body: 400 BAD_REQUEST_ERROR.</summary>
        DifferentBody,

        /// <summary>A call with this key is still in flight: 409.</summary>
        InFlight,
    }

    /// <summary>Claims <paramref name="key"/> for a refund call with this body, unless it was used before.</summary>
    public RefundStart BeginRefund(string key, string paymentId, string body, out SimulatorAnswer? replay)
    {
        replay = null;
        var fingerprint = paymentId + "\n" + body;
        lock (_lock)
        {
            if (_refundKeys.TryGetValue(key, out var used))
            {
                if (used.Fingerprint != fingerprint)
                {
                    return RefundStart.DifferentBody;
                }

                if (used.RefundId is null)
                {
                    return RefundStart.InFlight;
                }

                replay = new SimulatorAnswer(200, RefundJson(_refunds[used.RefundId]));
                return RefundStart.Replay;
            }

            _refundKeys[key] = new IdempotentRefund(fingerprint, null);
            return RefundStart.Proceed;
        }
    }

    /// <summary>Ends a claimed call: the key keeps the refund it made, or is freed when none was made.</summary>
    public void EndRefund(string key, string? refundId)
    {
        lock (_lock)
        {
            if (refundId is null)
            {
                _refundKeys.Remove(key);
            }
            else
            {
                _refundKeys[key] = _refundKeys[key] with { RefundId = refundId };
            }
        }
    }

    // ---- Checkout: what the customer does in the browser ----

    /// <summary>
    /// A customer pays <paramref name="razorpayOrderId"/> in Checkout. <see cref="SimulatedPaymentOutcome.Captured"/> is
    /// captured automatically only when authorised within the order's automatic capture window
    /// (<paramref name="authorizationDelay"/> after the payment starts; razorpay.md §2 "Capture window per order"),
    /// otherwise it stays authorised. Sends the webhooks Razorpay would. Returns the callback fields, signed with the key
    /// secret like Checkout's (none for a failure). Throws <see cref="InvalidOperationException"/> when Razorpay would
    /// refuse the attempt: an unknown or paid order, or one with an authorised payment pending.
    /// </summary>
    public SimulatedCheckout Pay(
        string razorpayOrderId,
        SimulatedPaymentOutcome outcome = SimulatedPaymentOutcome.Captured,
        TimeSpan? authorizationDelay = null,
        string method = "card",
        string? email = null,
        string? contact = null)
    {
        SimulatedPayment payment;
        var events = new List<string>();
        lock (_lock)
        {
            var order = _orders.TryGetValue(razorpayOrderId, out var found) ? found : throw new InvalidOperationException($"No Razorpay order {razorpayOrderId}.");
            if (order.Status == RazorpayStatuses.OrderPaid)
            {
                throw new InvalidOperationException($"Order {razorpayOrderId} is paid: Razorpay accepts no further payments.");
            }

            if (_payments.Values.Any(p => p.OrderId == razorpayOrderId && p.Status == RazorpayStatuses.PaymentAuthorized))
            {
                throw new InvalidOperationException($"Order {razorpayOrderId} has an authorised payment: Razorpay refuses a second one.");
            }

            var now = Now();
            var failed = outcome == SimulatedPaymentOutcome.Failed;
            payment = new SimulatedPayment(
                NewId("pay_"),
                order.Id,
                order.AmountPaise,
                order.Currency,
                failed ? RazorpayStatuses.PaymentFailed : RazorpayStatuses.PaymentAuthorized,
                method,
                0,
                failed ? "BAD_REQUEST_ERROR" : null,
                failed ? "Payment failed because the bank declined it (simulated)." : null,
                email,
                contact,
                order.Notes,
                now,
                null);
            _payments[payment.Id] = payment;
            _orders[order.Id] = order with { Status = RazorpayStatuses.OrderAttempted, Attempts = order.Attempts + 1 };
            events.Add(failed ? RazorpayEvents.PaymentFailed : RazorpayEvents.PaymentAuthorized);

            var window = order.AutomaticExpiryMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : TimeSpan.MaxValue;
            if (outcome == SimulatedPaymentOutcome.Captured && order.Capture == "automatic" && (authorizationDelay ?? TimeSpan.Zero) <= window)
            {
                payment = CaptureLocked(payment);
            }
        }

        Emit(events[0], paymentId: payment.Id);
        if (payment.Status == RazorpayStatuses.PaymentCaptured)
        {
            EmitCaptured(payment);
        }

        var signature = payment.Status == RazorpayStatuses.PaymentFailed
            ? null
            : RazorpaySignatures.Sign(Encoding.UTF8.GetBytes($"{payment.OrderId}|{payment.Id}"), KeySecret);
        return new SimulatedCheckout(payment.Id, payment.OrderId, signature, payment);
    }

    // ---- Webhooks (razorpay.md §4) ----

    /// <summary>
    /// A signed delivery of <paramref name="eventName"/> built from the entities as they are now (payment.*: the payment;
    /// order.paid: the payment and its order; refund.*: the refund and its payment), with a new event id. Not recorded
    /// or raised: for tests that craft deliveries (duplicates reuse the result; tampering changes its body).
    /// </summary>
    public SimulatedWebhook BuildWebhook(string eventName, string? paymentId = null, string? refundId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        JsonObject payload;
        var contains = new JsonArray();
        lock (_lock)
        {
            payload = [];
            SimulatedRefund? refund = null;
            if (refundId is not null)
            {
                refund = _refunds.TryGetValue(refundId, out var r) ? r : throw new KeyNotFoundException($"No refund {refundId}.");
                payload["refund"] = new JsonObject { ["entity"] = RefundJson(refund) };
                contains.Add("refund");
                paymentId ??= refund.PaymentId;
            }

            if (paymentId is not null)
            {
                var payment = _payments.TryGetValue(paymentId, out var p) ? p : throw new KeyNotFoundException($"No payment {paymentId}.");
                payload["payment"] = new JsonObject { ["entity"] = PaymentJson(payment) };
                contains.Add("payment");
                if (eventName == RazorpayEvents.OrderPaid)
                {
                    payload["order"] = new JsonObject { ["entity"] = OrderJson(_orders[payment.OrderId]) };
                    contains.Add("order");
                }
            }
        }

        var envelope = new JsonObject
        {
            ["entity"] = "event",
            ["account_id"] = "acc_Simulated000001",
            ["event"] = eventName,
            ["contains"] = contains,
            ["payload"] = payload,
            ["created_at"] = Now().ToUnixTimeSeconds(),
        };
        var body = Encoding.UTF8.GetBytes(envelope.ToJsonString(CompactJson));
        return new SimulatedWebhook(NewId("evt_"), eventName, body, RazorpaySignatures.Sign(body, WebhookSecret));
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private static readonly JsonSerializerOptions CompactJson = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private SimulatedPayment CaptureLocked(SimulatedPayment payment)
    {
        var captured = payment with { Status = RazorpayStatuses.PaymentCaptured, CapturedAt = Now() };
        _payments[payment.Id] = captured;
        var order = _orders[payment.OrderId];
        _orders[order.Id] = order with { Status = RazorpayStatuses.OrderPaid, AmountPaidPaise = order.AmountPaidPaise + payment.AmountPaise };
        return captured;
    }

    private void EmitCaptured(SimulatedPayment payment)
    {
        Emit(RazorpayEvents.PaymentCaptured, paymentId: payment.Id);
        Emit(RazorpayEvents.OrderPaid, paymentId: payment.Id);
    }

    private void Emit(string eventName, string? paymentId = null, string? refundId = null)
    {
        var webhook = BuildWebhook(eventName, paymentId, refundId);
        lock (_lock)
        {
            _webhooks.Add(webhook);
        }

        WebhookEmitted?.Invoke(webhook);
    }

    private DateTimeOffset Now() => _time.GetUtcNow();

    private IReadOnlyList<T> Snapshot<T>(IEnumerable<T> items)
    {
        lock (_lock)
        {
            return [.. items];
        }
    }

    private static string NewId(string prefix)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return prefix + RandomNumberGenerator.GetString(alphabet, 14);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Minutes(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var minutes) ? minutes : null;

    private static SimulatorAnswer? ReadNotes(JsonElement body, out IReadOnlyDictionary<string, string> notes)
    {
        notes = RazorpayWire.NoNotes;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("notes", out var json) || json.ValueKind is JsonValueKind.Null or JsonValueKind.Array)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return Error(400, "The notes field must be an object.", "notes");
        }

        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var note in json.EnumerateObject())
        {
            read[note.Name] = note.Value.ValueKind == JsonValueKind.String ? note.Value.GetString()! : note.Value.GetRawText();
        }

        if (read.Count > RazorpayClient.MaxNotes || read.Values.Any(v => v.Length > RazorpayClient.MaxNoteLength))
        {
            return Error(400, "notes may have at most 15 keys, each value at most 256 characters.", "notes");
        }

        notes = read;
        return null;
    }

    private static JsonNode NotesJson(IReadOnlyDictionary<string, string> notes)
    {
        // Razorpay sends empty notes as [] and others as an object (razorpay.md §1 "Field quirks"); so does the simulator.
        if (notes.Count == 0)
        {
            return new JsonArray();
        }

        var json = new JsonObject();
        foreach (var (name, value) in notes)
        {
            json[name] = value;
        }

        return json;
    }

    private static JsonObject OrderJson(SimulatedOrder order) => new()
    {
        ["id"] = order.Id,
        ["entity"] = "order",
        ["amount"] = order.AmountPaise,
        ["amount_paid"] = order.AmountPaidPaise,
        ["amount_due"] = order.AmountPaise - order.AmountPaidPaise,
        ["currency"] = order.Currency,
        ["receipt"] = order.Receipt,
        ["offer_id"] = null,
        ["status"] = order.Status,
        ["attempts"] = order.Attempts,
        ["notes"] = NotesJson(order.Notes),
        ["created_at"] = order.CreatedAt.ToUnixTimeSeconds(),
    };

    private static JsonObject PaymentJson(SimulatedPayment payment) => new()
    {
        ["id"] = payment.Id,
        ["entity"] = "payment",
        ["amount"] = payment.AmountPaise,
        ["currency"] = payment.Currency,
        ["status"] = payment.Status,
        ["order_id"] = payment.OrderId,
        ["invoice_id"] = null,
        ["international"] = false,
        ["method"] = payment.Method,
        ["amount_refunded"] = payment.AmountRefundedPaise,
        ["refund_status"] = payment.AmountRefundedPaise == 0 ? null : payment.AmountRefundedPaise == payment.AmountPaise ? "full" : "partial",
        ["captured"] = payment.CapturedAt is not null,
        ["description"] = null,
        ["email"] = payment.Email,
        ["contact"] = payment.Contact,
        ["notes"] = NotesJson(payment.Notes),
        ["fee"] = payment.CapturedAt is null ? null : payment.AmountPaise * 2 / 100,
        ["tax"] = payment.CapturedAt is null ? null : payment.AmountPaise * 2 / 100 * 18 / 100,
        // The card variant of payment.captured sends "" rather than null (razorpay.md §1): so does the simulator.
        ["error_code"] = payment.ErrorCode ?? (payment.Method == "card" ? "" : null),
        ["error_description"] = payment.ErrorDescription,
        ["created_at"] = payment.CreatedAt.ToUnixTimeSeconds(),
    };

    private static JsonObject RefundJson(SimulatedRefund refund) => new()
    {
        ["id"] = refund.Id,
        ["entity"] = "refund",
        ["amount"] = refund.AmountPaise,
        ["currency"] = refund.Currency,
        ["payment_id"] = refund.PaymentId,
        ["notes"] = NotesJson(refund.Notes),
        ["receipt"] = null,
        ["status"] = refund.Status,
        ["speed_requested"] = refund.Speed,
        ["created_at"] = refund.CreatedAt.ToUnixTimeSeconds(),
    };

    private static JsonObject Collection(IEnumerable<JsonObject> items)
    {
        var array = new JsonArray([.. items]);
        return new JsonObject { ["entity"] = "collection", ["count"] = array.Count, ["items"] = array };
    }

    private static SimulatorAnswer NoSuchId() => Error(400, "The id provided does not exist", "id");

    /// <summary>Razorpay's error body (razorpay.md §1).</summary>
    public static SimulatorAnswer Error(int status, string description, string? field, string? code = null) => new(
        status,
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code ?? (status >= 500 ? "SERVER_ERROR" : "BAD_REQUEST_ERROR"),
                ["description"] = description,
                ["field"] = field,
                ["source"] = status >= 500 ? "internal" : "business",
                ["step"] = "payment_initiation",
                ["reason"] = status >= 500 ? "server_error" : "input_validation_failed",
                ["metadata"] = new JsonObject(),
            },
        });

    private sealed record IdempotentRefund(string Fingerprint, string? RefundId);
}
