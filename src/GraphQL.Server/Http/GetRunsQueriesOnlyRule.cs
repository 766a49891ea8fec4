using GraphQL.Validation;

namespace Diecast.GraphQL.Server.Http;

/// <summary>
/// GET must be safe, since caches and prefetchers replay it: over GET only queries run, and a mutation is refused
/// before anything runs (405, as GraphQL over HTTP asks). A validation rule rather than a check in the endpoint, so
/// a GET is served from the validated-document cache like a POST; registered for cached documents, since one
/// document may arrive by either method.
/// </summary>
public sealed class GetRunsQueriesOnlyRule : ValidationRuleBase
{
    public const string Code = "METHOD_NOT_ALLOWED";

    /// <summary>Present in the user context when the request came by GET.</summary>
    public const string GetRequestKey = "diecast.http.get";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Operation.Operation != OperationType.Query && context.UserContext.ContainsKey(GetRequestKey))
        {
            context.ReportError(new MethodNotAllowedError(context.Document, context.Operation));
        }

        return default;
    }
}

#pragma warning disable CA1032 // Only the rule creates it.
public sealed class MethodNotAllowedError : ValidationError
#pragma warning restore CA1032
{
    public MethodNotAllowedError(GraphQLDocument document, GraphQLOperationDefinition operation)
        : base(document.Source, null, $"A {operation.Operation.ToString().ToLowerInvariant()} cannot be sent with GET; use POST.", operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Code = GetRunsQueriesOnlyRule.Code;
    }
}
