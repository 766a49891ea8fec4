using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Polly.Timeout;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// <see cref="IRazorpayClient"/> over a typed HttpClient (RazorpayRegistration adds Basic auth, the resilience
/// pipeline and header redaction). Paise exist only inside this class and <see cref="RazorpayWire"/>.
/// </summary>
public sealed partial class RazorpayClient(HttpClient http, RazorpayEndpoint endpoint, ILogger<RazorpayClient> logger) : IRazorpayClient
{
    /// <summary>Razorpay's limits on an order (razorpay.md §2): receipt length, notes count and value length.</summary>
    public const int MaxReceiptLength = 40;

    public const int MaxNotes = 15;

    public const int MaxNoteLength = 256;

    /// <summary>The shortest automatic capture window Razorpay accepts (razorpay.md §2 "Capture window per order").</summary>
    public static readonly TimeSpan MinimumCaptureWindow = TimeSpan.FromMinutes(12);

    /// <summary>Razorpay's manual capture window after the automatic one, its maximum and default: 7200 minutes.</summary>
    public const int ManualExpiryMinutes = 7200;

    public const string RefundIdempotencyHeader = "X-Refund-Idempotency";

    public async Task<RazorpayOrder> CreateOrderAsync(RazorpayOrderRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var paise = RazorpayAmounts.ToOrderPaise(request.Amount);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Receipt);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Currency);
        if (request.Receipt.Length > MaxReceiptLength)
        {
            throw new ArgumentException($"A Razorpay receipt has at most {MaxReceiptLength} characters.", nameof(request));
        }

        CheckNotes(request.Notes);
        if (request.CaptureWindow < MinimumCaptureWindow)
        {
            throw new ArgumentException($"Razorpay's automatic capture window is at least {MinimumCaptureWindow.TotalMinutes} minutes.", nameof(request));
        }

        // Whole minutes, rounded up: capturing a little longer than the hold is safer than a little shorter is not
        // possible without refusing the order; the hold's expiry job releases stock on its own clock either way.
        var minutes = (int)Math.Ceiling(request.CaptureWindow.TotalMinutes);
        if (minutes > ManualExpiryMinutes)
        {
            throw new ArgumentException($"Razorpay's capture window is at most {ManualExpiryMinutes} minutes.", nameof(request));
        }

        var body = new WireOrderRequest(
            paise, request.Currency, request.Receipt, request.Notes, new WireOrderPaymentOptions("automatic", new WireCaptureOptions(minutes, ManualExpiryMinutes, "normal")));
        var order = await SendAsync<WireOrder>(HttpMethod.Post, "orders", body, retrySafe: false, idempotencyKey: null, "POST orders", ct);
        return order.ToOrder();
    }

    public async Task<RazorpayOrder?> FindOrderByReceiptAsync(string receipt, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(receipt);
        var orders = await SendAsync<WireCollection<WireOrder>>(HttpMethod.Get, $"orders?receipt={Uri.EscapeDataString(receipt)}", null, retrySafe: true, null, "GET orders?receipt=", ct);
        var matching = orders.Items.Where(order => order.Receipt == receipt).OrderBy(order => order.CreatedAt).ThenBy(order => order.Id, StringComparer.Ordinal).ToList();
        if (matching.Count > 1)
        {
            LogSeveralOrders(matching.Count, receipt);
        }

        return matching.Count == 0 ? null : matching[0].ToOrder();
    }

    public async Task<RazorpayOrder> GetOrderAsync(string razorpayOrderId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(razorpayOrderId);
        var order = await SendAsync<WireOrder>(HttpMethod.Get, $"orders/{Uri.EscapeDataString(razorpayOrderId)}", null, retrySafe: true, null, "GET orders/{id}", ct);
        return order.ToOrder();
    }

    public async Task<IReadOnlyList<RazorpayPayment>> GetOrderPaymentsAsync(string razorpayOrderId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(razorpayOrderId);
        var payments = await SendAsync<WireCollection<WirePayment>>(
            HttpMethod.Get, $"orders/{Uri.EscapeDataString(razorpayOrderId)}/payments", null, retrySafe: true, null, "GET orders/{id}/payments", ct);
        return [.. payments.Items.Select(payment => payment.ToPayment())];
    }

    public async Task<RazorpayPayment> GetPaymentAsync(string razorpayPaymentId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(razorpayPaymentId);
        var payment = await SendAsync<WirePayment>(HttpMethod.Get, $"payments/{Uri.EscapeDataString(razorpayPaymentId)}", null, retrySafe: true, null, "GET payments/{id}", ct);
        return payment.ToPayment();
    }

    public async Task<RazorpayRefund> GetRefundAsync(string razorpayRefundId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(razorpayRefundId);
        var refund = await SendAsync<WireRefund>(HttpMethod.Get, $"refunds/{Uri.EscapeDataString(razorpayRefundId)}", null, retrySafe: true, null, "GET refunds/{id}", ct);
        return refund.ToRefund();
    }

    public async Task<RazorpayPayment> CapturePaymentAsync(string razorpayPaymentId, decimal amount, string currency, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(razorpayPaymentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        var body = new WireCaptureRequest(RazorpayAmounts.ToOrderPaise(amount), currency);
        try
        {
            var payment = await SendAsync<WirePayment>(
                HttpMethod.Post, $"payments/{Uri.EscapeDataString(razorpayPaymentId)}/capture", body, retrySafe: true, null, "POST payments/{id}/capture", ct);
            return payment.ToPayment();
        }
        catch (RazorpayException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            // "This payment has already been captured": an earlier attempt (maybe a retry whose first answer was lost)
            // did it. The payment as it is now says whether that capture is the one asked for.
            var payment = await GetPaymentAsync(razorpayPaymentId, ct);
            if (payment.Status == RazorpayStatuses.PaymentCaptured && payment.Amount == amount && payment.Currency == currency)
            {
                return payment;
            }

            throw;
        }
    }

    public async Task<RazorpayRefund> CreateRefundAsync(
        string razorpayPaymentId, decimal? amount, string idempotencyKey, IReadOnlyDictionary<string, string> notes, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(razorpayPaymentId);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        if (!IdempotencyKeyPattern().IsMatch(idempotencyKey))
        {
            throw new ArgumentException("X-Refund-Idempotency is at least 10 characters of A-Z, a-z, 0-9, - and _ (razorpay.md §5).", nameof(idempotencyKey));
        }

        CheckNotes(notes);
        long? paise = amount is { } rupees ? RazorpayAmounts.ToPaise(rupees) : null;
        if (paise is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A refund is for more than ₹0.00.");
        }

        var body = new WireRefundRequest(paise, "normal", notes);
        var refund = await SendAsync<WireRefund>(
            HttpMethod.Post, $"payments/{Uri.EscapeDataString(razorpayPaymentId)}/refund", body, retrySafe: true, idempotencyKey, "POST payments/{id}/refund", ct);
        return refund.ToRefund();
    }

    private static void CheckNotes(IReadOnlyDictionary<string, string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (notes.Count > MaxNotes || notes.Values.Any(value => value.Length > MaxNoteLength))
        {
            throw new ArgumentException($"Razorpay takes at most {MaxNotes} notes, each value at most {MaxNoteLength} characters.", nameof(notes));
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, bool retrySafe, string? idempotencyKey, string operation, CancellationToken ct)
    {
        Uri address;
        try
        {
            address = new Uri(endpoint.BaseUrl, path);
        }
        catch (InvalidOperationException e)
        {
            throw new RazorpayException(e.Message, null, null, null, isTransient: false, e);
        }

        using var request = new HttpRequestMessage(method, address);
        if (body is not null)
        {
            // Serialised once: every retry sends the same bytes, which an idempotent refund requires (razorpay.md §5).
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), RazorpayWire.Json));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add(RefundIdempotencyHeader, idempotencyKey);
        }

        request.Options.Set(RazorpayRegistration.RetrySafe, retrySafe);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TimeoutRejectedException or OperationCanceledException)
        {
            LogNoAnswer(operation, "timed out");
            throw new RazorpayException($"Razorpay did not answer {operation} in time.", null, null, null, isTransient: true, e);
        }
        catch (HttpRequestException e)
        {
            LogNoAnswer(operation, e.HttpRequestError.ToString());
            throw new RazorpayException($"Razorpay could not be reached for {operation} ({e.HttpRequestError}).", null, null, null, isTransient: true, e);
        }

        using (response)
        {
            var content = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonSerializer.Deserialize<T>(content, RazorpayWire.Json)
                        ?? throw new JsonException("The answer is null.");
                }
                catch (Exception e) when (e is JsonException or ArgumentOutOfRangeException)
                {
                    throw new RazorpayException($"Razorpay's answer to {operation} could not be read: {e.Message}", response.StatusCode, null, null, isTransient: false, e);
                }
            }

            var error = ReadError(content);
            var status = (int)response.StatusCode;
            var transient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict or HttpStatusCode.RequestTimeout;
            LogRefused(operation, status, error?.Code, error?.Description, error?.Field);
            var description = string.IsNullOrWhiteSpace(error?.Description) ? response.ReasonPhrase : error.Description;
            throw new RazorpayException(
                $"Razorpay refused {operation}: {status} {error?.Code ?? "no error code"}: {description}", response.StatusCode, error?.Code, error?.Field, transient);
        }
    }

    private static WireError? ReadError(byte[] content)
    {
        try
        {
            return JsonSerializer.Deserialize<WireErrorBody>(content, RazorpayWire.Json)?.Error;
        }
        catch (JsonException)
        {
            // A proxy's HTML page or an empty body: the status says enough.
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{10,}$")]
    private static partial Regex IdempotencyKeyPattern();

    [LoggerMessage(LogLevel.Warning, "Razorpay refused {Operation}: {Status} {Code}: {Description} (field {Field})")]
    private partial void LogRefused(string operation, int status, string? code, string? description, string? field);

    [LoggerMessage(LogLevel.Warning, "Razorpay gave no answer to {Operation}: {Reason}")]
    private partial void LogNoAnswer(string operation, string reason);

    [LoggerMessage(LogLevel.Warning, "Razorpay has {Count} orders with receipt {Receipt}; the oldest is used")]
    private partial void LogSeveralOrders(int count, string receipt);
}
