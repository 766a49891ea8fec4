using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Diecast.Storefront.ApiResilience;

public static class ApiResilienceRegistration
{
    /// <summary>
    /// A slow or failing API costs a page at most <see cref="DiecastApiOptions.Timeout"/>, and once most recent calls
    /// failed the circuit opens for <see cref="DiecastApiOptions.BreakSeconds"/>, so pages degrade at once instead of
    /// each waiting out the timeout. No retries: a page is better served degraded now than complete later, and issue
    /// 15's mutations must never be sent twice.
    /// </summary>
    public static IHttpClientBuilder AddApiResilience(this IHttpClientBuilder client)
    {
        client.Services.AddHttpContextAccessor();
        client.Services.AddTransient<ApiCallTracker>();
        client.AddHttpMessageHandler<ApiCallTracker>();
        client.AddResilienceHandler("diecast-api", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<DiecastApiOptions>>().Value;
            pipeline
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 5,
                    SamplingDuration = TimeSpan.FromSeconds(10),
                    BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
                })
                .AddTimeout(options.Timeout);
        });
        return client;
    }
}
