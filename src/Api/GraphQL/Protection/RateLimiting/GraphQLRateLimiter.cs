using System.Threading.RateLimiting;
using Diecast.Api.GraphQL.Http;
using GraphQL.Validation.Complexity;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Diecast.Api.GraphQL.Protection;

/// <summary>
/// Rate limits mutations and expensive queries per client. It runs inside GraphQL.NET's complexity check (the
/// <see cref="ComplexityOptions.ValidateComplexityDelegate"/>), the first moment the operation's type and its
/// complexity with this request's variables are known, and before any resolver. ASP.NET Core's rate limiting
/// middleware runs before the endpoint, when neither is known, so the limiters are called from here instead:
/// System.Threading.RateLimiting's fixed window in memory, or the PostgreSQL one that every instance shares.
/// </summary>
public sealed class GraphQLRateLimiter : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<RateLimitedRequest> _limiter;

    public GraphQLRateLimiter(IOptions<GraphQLHttpOptions> options, IServiceProvider services)
    {
        _options = options.Value.RateLimit;
        _limiter = _options.Store == RateLimitStore.PostgreSql
            ? ActivatorUtilities.CreateInstance<PostgresFixedWindowRateLimiter>(services, _options)
            : PartitionedRateLimiter.Create<RateLimitedRequest, string>(request => RateLimitPartition.GetFixedWindowLimiter(
                request.PartitionKey,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = request.Kind == RateLimitKinds.Mutation ? _options.MutationsPerWindow : _options.ExpensiveQueriesPerWindow,
                    Window = _options.Window,
                    QueueLimit = 0,
                }));
    }

    /// <summary>Which limit a request counts against, or null when it is not limited.</summary>
    public static string? KindOf(OperationType operation, double complexity, RateLimitOptions options) => operation switch
    {
        OperationType.Mutation => RateLimitKinds.Mutation,
        OperationType.Query when complexity >= options.ExpensiveQueryComplexity => RateLimitKinds.ExpensiveQuery,
        _ => null,
    };

    public async Task CheckAsync(ComplexityValidationContext context)
    {
        // A document already refused for its complexity or depth needs no permit.
        if (!_options.Enabled || context.Error is not null)
        {
            return;
        }

        var validation = context.ValidationContext;
        if (KindOf(validation.Operation.Operation, context.TotalImpact, _options) is not { } kind
            || validation.UserContext.TryGetValue(RateLimitClient.UserContextKey, out var client) is false
            || client is not string clientKey)
        {
            return;
        }

        using var lease = await _limiter.AcquireAsync(new RateLimitedRequest(kind, clientKey), cancellationToken: validation.CancellationToken);
        if (!lease.IsAcquired)
        {
            context.Error = new RateLimitedError(kind, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _options.Window);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
