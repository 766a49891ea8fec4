using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Diecast.Api.Checkout;
using Diecast.Api.Payments.Simulator;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>The Razorpay edge: options (validated at start), the typed client with its resilience pipeline, Razorpay-order creation.</summary>
public static class RazorpayRegistration
{
    /// <summary>Set on each request by <see cref="RazorpayClient"/>: whether repeating it is safe (only then is it retried).</summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafe = new("Diecast.Razorpay.RetrySafe");

    public static IServiceCollection AddRazorpay(this IServiceCollection services)
    {
        services.AddOptions<RazorpayOptions>().BindConfiguration(RazorpayOptions.Section)
            .PostConfigure<IHostEnvironment, SimulatorCredentials>((options, environment, credentials) => RazorpayOptionsRules.Resolve(options, environment, credentials))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RazorpayOptions>, RazorpayOptionsRules>();
        services.AddSingleton<SimulatorCredentials>();
        services.AddSingleton<RazorpayEndpoint>();
        services.AddScoped<RazorpayOrders>();
        services.AddSingleton<RazorpayOrderIds>();

        // The payment simulator: idle unless the options say the API plays Razorpay (never in Production).
        services.AddSingleton<PaymentSimulator>();
        services.AddHttpClient(SimulatorWebhookSender.ClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<SimulatorWebhookSender>();
        // The hold Razorpay's capture window follows; the checkout part binds and validates the same section.
        services.AddOptions<CheckoutOptions>().BindConfiguration(CheckoutOptions.Section);

        services.AddHttpClient<IRazorpayClient, RazorpayClient>()
            .ConfigureHttpClient((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<RazorpayOptions>>().Value;
                // Exactly "Basic base64(key_id:key_secret)": Razorpay refuses "basic" or a quoted token (razorpay.md §1).
                var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.KeyId}:{options.KeySecret}"));
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                // The resilience pipeline's total timeout bounds a call; HttpClient's own would cut retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // No header value is ever logged, whatever the log level: the Authorization header carries the key secret.
            .RedactLoggedHeaders(_ => true)
            .AddResilienceHandler("razorpay", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<RazorpayOptions>>().Value;
                // REVIEW: network timeouts and backoff run on the wall clock, not the injected TimeProvider: they measure
                // how long a remote server takes, and tests that freeze business time must not freeze HTTP calls.
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddTimeout(options.TotalTimeout);
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = options.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        // A 429's Retry-After says when to come back (razorpay.md §1 "Rate limiting").
                        ShouldRetryAfterHeader = true,
                        MaxDelay = options.TotalTimeout,
                        ShouldHandle = args => ValueTask.FromResult(IsRetrySafe(args.Context) && IsTransient(args.Outcome)),
                    });
                }

                pipeline.AddTimeout(options.AttemptTimeout);
            });
        return services;
    }

    private static bool IsRetrySafe(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(RetrySafe, out var safe) && safe;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500
            || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            // 409: an idempotent refund with this key is still in flight; the repeat returns its result (razorpay.md §5).
            or HttpStatusCode.Conflict,
        _ => false,
    };
}
