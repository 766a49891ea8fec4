using System.Threading.RateLimiting;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQLParser;

namespace Diecast.GraphQL.Server.Protection.RateLimiting;

/// <summary>
/// Rate limits mutations and expensive queries per client. It runs inside GraphQL.NET's complexity check (the
/// <see cref="ComplexityOptions.ValidateComplexityDelegate"/>), the first moment the operation's type and its
/// complexity with this request's variables are known, and before any resolver. ASP.NET Core's rate limiting
/// middleware runs before the endpoint, when neither is known, so the limiters (System.Threading.RateLimiting's
/// <see cref="PartitionedRateLimiter{TResource}"/>) are called from here instead: fixed windows in memory, or in a
/// store every instance shares.
/// </summary>
public sealed class GraphQLRateLimiter : IDisposable
{
    public const string TooManyMutationsCode = "TOO_MANY_MUTATIONS";

    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<RateLimitedRequest> _limiter;

    public GraphQLRateLimiter(IOptions<RateLimitOptions> options, IServiceProvider services)
    {
        _options = options.Value;
        _limiter = _options.Store == RateLimitStore.PostgreSql
            ? (services.GetService<IRateLimitStore>() ?? throw new InvalidOperationException($"GraphQL:RateLimit:Store is {RateLimitStore.PostgreSql}, but no {nameof(IRateLimitStore)} is registered.")).CreateLimiter(_options)
            : new InMemoryFixedWindowRateLimiter(_options, services.GetService<TimeProvider>() ?? TimeProvider.System);
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

        // A permit per mutation field, not per request: aliases run each field, so one request of 200 `adjustStock`
        // is 200 mutations. A request that could never fit a window is refused outright, without taking permits.
        var permits = kind == RateLimitKinds.Mutation ? MutationFields(validation.Document, validation.Operation.SelectionSet) : 1;
        if (permits > _options.MutationsPerWindow)
        {
            context.Error = new ValidationError($"A request may run at most {_options.MutationsPerWindow} mutations (the limit per client and window); this one has {permits}.") { Code = TooManyMutationsCode };
            return;
        }

        using var lease = await _limiter.AcquireAsync(new RateLimitedRequest(kind, clientKey), Math.Max(permits, 1), validation.CancellationToken);
        if (!lease.IsAcquired)
        {
            context.Error = new RateLimitedError(kind, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _options.Window);
        }
    }

    /// <summary>
    /// The mutation fields a mutation operation runs: its root fields, through inline fragments and fragment spreads,
    /// whatever their directives say (counted before any is evaluated). <c>__typename</c> changes nothing.
    /// </summary>
    public static int MutationFields(GraphQLDocument document, GraphQLSelectionSet selectionSet)
    {
        ArgumentNullException.ThrowIfNull(document);
        var count = 0;
        // Fragment cycles were refused before this (DocumentLimits); the visited set keeps this walk finite regardless.
        var spread = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<GraphQLSelectionSet>();
        pending.Push(selectionSet);
        while (pending.Count > 0)
        {
            foreach (var selection in pending.Pop().Selections)
            {
                switch (selection)
                {
                    case GraphQLField field when field.Name.StringValue != "__typename":
                        count++;
                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread fragmentSpread when spread.Add(fragmentSpread.FragmentName.Name.StringValue):
                        if (document.FindFragmentDefinition(fragmentSpread.FragmentName.Name.StringValue) is { } fragment)
                        {
                            pending.Push(fragment.SelectionSet);
                        }

                        break;
                    case GraphQLFragmentSpread fragmentSpread:
                        // The same fragment again at the root: execution merges its fields with the first spread's.
                        break;
                }
            }
        }

        return count;
    }

    public void Dispose() => _limiter.Dispose();
}
