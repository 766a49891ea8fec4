namespace Diecast.GraphQL.Server;

/// <summary>
/// A resolver's failure that is not a bug, as the application classifies it (see <see cref="IResolverFailureClassifier"/>):
/// the code and message the client gets instead of <c>INTERNAL_ERROR</c>.
/// </summary>
/// <param name="Code">The error's <c>extensions.code</c>.</param>
/// <param name="Message">The error's message, for the client.</param>
/// <param name="Retryable">
/// Whether the client may send the same request again (told as <c>extensions.retryable</c>; null leaves it out). A
/// request that such a failure costs every root field is answered 503 with Retry-After.
/// </param>
public sealed record ResolverFailure(string Code, string Message, bool? Retryable = null)
{
    /// <summary>
    /// Marks (in <see cref="Exception.Data"/> of the GraphQL error) a failure in a field below a mutation's payload,
    /// which runs after the mutation committed: the change is saved, so the client must not retry it.
    /// </summary>
    public const string AfterMutationKey = "diecast.afterMutation";
}

/// <summary>
/// The application's hook for failures of what resolvers depend on (a database that is down or slow, a statement over
/// the database's limits): the GraphQL server cannot tell these from bugs by itself.
/// </summary>
public interface IResolverFailureClassifier
{
    /// <summary>The failure <paramref name="exception"/> (a resolver's, as thrown) stands for; null for a bug.</summary>
    /// <param name="exception">What the resolver threw.</param>
    /// <param name="afterMutation">The field that failed is below a mutation's payload, so the change was already saved.</param>
    ResolverFailure? Classify(Exception exception, bool afterMutation);
}
