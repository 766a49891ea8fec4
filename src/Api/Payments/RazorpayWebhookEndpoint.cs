using System.Buffers;
using System.Text;
using Diecast.Api.Payments.Razorpay;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Diecast.Api.Payments;

/// <summary>
/// <c>POST /api/webhooks/razorpay</c>: Razorpay's webhooks, verified and stored in the inbox (razorpay_webhook_events),
/// answered before they are processed (razorpay.md §4: a reply slower than 5 s is a failure, and a webhook failing
/// for 24 h is disabled). Processing is <see cref="RazorpayWebhookProcessor"/>'s, on any instance.
/// </summary>
public static class RazorpayWebhookEndpoint
{
    public const string Path = "/api/webhooks/razorpay";

    public const string SignatureHeader = "X-Razorpay-Signature";

    public const string EventIdHeader = "X-Razorpay-Event-Id";

    /// <summary>Maps the endpoint. It is outside /graphql, so the GraphQL rate limiter never sees it; its guard is the body limit and the signature, checked before anything is parsed or stored.</summary>
    public static IEndpointRouteBuilder MapRazorpayWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>
    /// 415 unless JSON; 413 over <see cref="PaymentsOptions.WebhookMaxBodyBytes"/>; 400 for a missing or bad signature
    /// (HMAC-SHA256 of the raw bytes with the webhook secret, current or previous; razorpay.md §4), a missing event id
    /// or a body that is not a Razorpay event; 503 when the database cannot store it (Razorpay retries); otherwise 200,
    /// stored once per event id however often and wherever it is delivered.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(
        HttpContext context,
        RazorpayWebhookInbox inbox,
        IOptionsMonitor<RazorpayOptions> razorpay,
        IOptionsMonitor<PaymentsOptions> payments,
        Data.DatabaseFailureLog failureLog,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var logger = loggers.CreateLogger(typeof(RazorpayWebhookEndpoint));
        if (!IsJson(request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON (Content-Type: application/json).");
        }

        var limit = payments.CurrentValue.WebhookMaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.");
        }

        var body = await ReadBodyAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.");
        }

        var secrets = razorpay.CurrentValue.WebhookSecrets;
        string? signature = request.Headers[SignatureHeader];
        if (secrets.Count == 0 || !RazorpaySignatures.IsValidWebhookSignature(body, signature, secrets))
        {
            // Neither the signature nor the body is logged: one is a credential's output, the other unverified input.
            logger.LogWarning("Refused a Razorpay webhook with a {State} signature ({Bytes} bytes)", string.IsNullOrEmpty(signature) ? "missing" : "bad", body.Length);
            return Problem(StatusCodes.Status400BadRequest, "The X-Razorpay-Signature header is missing or does not match the body.");
        }

        string? eventId = request.Headers[EventIdHeader];
        if (string.IsNullOrWhiteSpace(eventId) || eventId.Length > 100)
        {
            return Problem(StatusCodes.Status400BadRequest, "The X-Razorpay-Event-Id header is missing or longer than 100 characters.");
        }

        if (!RazorpayWebhookPayload.TryParse(body, out var webhook, out var error) || webhook is null)
        {
            logger.LogWarning("Refused Razorpay webhook {EventId}: {Error}", eventId, error);
            return Problem(StatusCodes.Status400BadRequest, $"The body is not a Razorpay event: {error}");
        }

        try
        {
            // System.Text.Json accepted it, so it is valid UTF-8: stored as received, byte for byte.
            var stored = await inbox.StoreAsync(eventId, Truncate(webhook.Event, 60), Encoding.UTF8.GetString(body), cancellationToken);
            logger.LogInformation("Razorpay webhook {EventId} ({Event}) {Stored}", eventId, webhook.Event, stored ? "stored" : "already stored");
            return Results.Ok();
        }
        catch (Exception exception) when (Data.DatabaseFailure.Of(exception) is not null)
        {
            // One summarised line per kind of failure, not one per delivery Razorpay retries.
            failureLog.Report(Data.DatabaseFailure.Of(exception)!, exception, "Razorpay webhook");
            context.Response.Headers.RetryAfter = "5";
            return Problem(StatusCodes.Status503ServiceUnavailable, "The event could not be stored now; retry later.");
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> (read no further than one byte past it).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
