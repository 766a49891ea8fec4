using System.Text;
using System.Text.Json;
using Diecast.Api.Payments.Razorpay;

namespace Diecast.Api.Payments.Simulator;

/// <summary>
/// The simulator's copy of the Razorpay REST routes the shop's client calls, over a <see cref="RazorpaySimulator"/>:
/// Basic auth checked (401 otherwise), Razorpay's error bodies, X-Refund-Idempotency, and the failures a test
/// injects (<see cref="RazorpaySimulator.FailNext"/>). Mapped by the tests' fake Razorpay at /v1/ and by the
/// Development simulator at <see cref="RazorpayEndpoint.SimulatorPath"/>.
/// </summary>
public static class RazorpaySimulatorApi
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Maps the routes under <paramref name="prefix"/> (e.g. "/v1"), each answered by <paramref name="simulator"/>; where
    /// it gives null (no simulator), by 404.
    /// </summary>
    public static RouteGroupBuilder MapRazorpaySimulatorApi(this IEndpointRouteBuilder routes, string prefix, Func<HttpContext, RazorpaySimulator?> simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var api = routes.MapGroup(prefix).ExcludeFromDescription();
        api.MapPost("/orders", (HttpContext http) => HandleAsync(http, simulator(http), SimulatorRoutes.CreateOrder, (s, body) => s.CreateOrder(body)));
        api.MapGet("/orders", (HttpContext http, string? receipt, int? count, int? skip) =>
            HandleAsync(http, simulator(http), SimulatorRoutes.ListOrders, (s, _) => s.ListOrders(receipt, count ?? 10, skip ?? 0)));
        api.MapGet("/orders/{id}", (HttpContext http, string id) => HandleAsync(http, simulator(http), SimulatorRoutes.GetOrder, (s, _) => s.GetOrder(id)));
        api.MapGet("/orders/{id}/payments", (HttpContext http, string id) =>
            HandleAsync(http, simulator(http), SimulatorRoutes.GetOrderPayments, (s, _) => s.GetOrderPayments(id)));
        api.MapGet("/payments/{id}", (HttpContext http, string id) => HandleAsync(http, simulator(http), SimulatorRoutes.GetPayment, (s, _) => s.GetPayment(id)));
        api.MapPost("/payments/{id}/capture", (HttpContext http, string id) =>
            HandleAsync(http, simulator(http), SimulatorRoutes.CapturePayment, (s, body) => s.CapturePayment(id, body)));
        api.MapPost("/payments/{id}/refund", (HttpContext http, string id) =>
            HandleAsync(http, simulator(http), SimulatorRoutes.RefundPayment, (s, body) => s.RefundPayment(id, body, Key(http)), refundOf: id));
        api.MapGet("/refunds/{id}", (HttpContext http, string id) => HandleAsync(http, simulator(http), SimulatorRoutes.GetRefund, (s, _) => s.GetRefund(id)));
        return api;
    }

    private static string? Key(HttpContext http) =>
        http.Request.Headers.TryGetValue(RazorpayClient.RefundIdempotencyHeader, out var key) ? key.ToString() : null;

    private static async Task HandleAsync(
        HttpContext http, RazorpaySimulator? simulator, string route, Func<RazorpaySimulator, JsonElement, SimulatorAnswer> apply, string? refundOf = null)
    {
        if (simulator is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var text = await ReadBodyAsync(http.Request);
        var request = new SimulatedRequest(
            route, http.Request.Method, http.Request.Path + http.Request.QueryString, http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, Key(http), text);
        var failure = simulator.Received(request);
        if (!simulator.IsAuthorized(request.Authorization))
        {
            await WriteAsync(http, RazorpaySimulator.Error(401, "Authentication failed", null));
            return;
        }

        JsonElement body = default;
        if (text.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                await WriteAsync(http, RazorpaySimulator.Error(400, "The request body is not valid JSON.", null));
                return;
            }
        }

        string? claimedKey = null;
        if (refundOf is not null && request.IdempotencyKey is { } key)
        {
            if (key.Length < 10 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                await WriteAsync(http, RazorpaySimulator.Error(400, "The X-Refund-Idempotency key must be at least 10 characters of letters, digits, - or _.", null));
                return;
            }

            switch (simulator.BeginRefund(key, refundOf, text, out var replay))
            {
                case RazorpaySimulator.RefundStart.Replay:
                    await WriteAsync(http, replay!);
                    return;
                case RazorpaySimulator.RefundStart.DifferentBody:
                    await WriteAsync(http, RazorpaySimulator.Error(400, "The request body differs from an earlier request with the same X-Refund-Idempotency key.", null));
                    return;
                case RazorpaySimulator.RefundStart.InFlight:
                    await WriteAsync(http, RazorpaySimulator.Error(409, "A request with the same X-Refund-Idempotency key is in progress.", null, "BAD_REQUEST_ERROR"));
                    return;
                default:
                    claimedKey = key;
                    break;
            }
        }

        string? refundId = null;
        try
        {
            switch (failure?.Kind)
            {
                case SimulatedFailureKind.Hang:
                    using (var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, simulator.Stopping))
                    {
                        try
                        {
                            await Task.Delay(Timeout.Infinite, both.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            // The caller gave up (or the fake stopped): there is nobody to answer.
                        }
                    }

                    http.Abort();
                    return;
                case SimulatedFailureKind.ServerError:
                    await WriteAsync(http, RazorpaySimulator.Error(500, "The server encountered an error. The incident has been reported to admins.", null));
                    return;
                case SimulatedFailureKind.RateLimited:
                    if (failure.Value.RetryAfter is { } retryAfter)
                    {
                        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    await WriteAsync(http, RazorpaySimulator.Error(429, "Too many requests", null));
                    return;
            }

            var answer = apply(simulator, body);
            if (refundOf is not null && answer.IsSuccess)
            {
                refundId = answer.Body["id"]!.GetValue<string>();
            }

            switch (failure?.Kind)
            {
                case SimulatedFailureKind.ResponseLost:
                    // Done, but the caller never hears of it: the connection drops before any answer.
                    http.Abort();
                    return;
                case SimulatedFailureKind.ServerErrorAfterApplying:
                    await WriteAsync(http, RazorpaySimulator.Error(500, "The server encountered an error. The incident has been reported to admins.", null));
                    return;
            }

            await WriteAsync(http, answer);
        }
        finally
        {
            if (claimedKey is not null)
            {
                simulator.EndRefund(claimedKey, refundId);
            }
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return "";
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return text.Length > MaxBodyBytes ? "" : text;
    }

    private static Task WriteAsync(HttpContext http, SimulatorAnswer answer)
    {
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(answer.Body.ToJsonString(), http.RequestAborted);
    }
}
