using Diecast.GraphQL.Server.Http;
using GraphQL.Execution;
using GraphQLParser.Exceptions;

namespace Diecast.GraphQL.Server;

/// <summary>
/// GraphQL.NET's error formatting, except that an unexpected failure is coded <c>INTERNAL_ERROR</c> unless
/// exception details are exposed: the default code is derived from the exception's type, which tells an
/// outsider what broke. Details (<c>extensions.details</c>: the .NET type and stack trace) go only on unexpected
/// failures, and only when <see cref="GraphQLHttpOptions.ExposeExceptionDetails"/> is on: a client's mistake
/// (syntax, variables, validation, limits, our own codes) is fully told by its message and code, as in HotChocolate.
/// A failure the application's <see cref="IResolverFailureClassifier"/> recognises (an outage is not a bug) gets the
/// code and message it gives, whatever the exception details setting.
/// </summary>
public sealed class GraphQLErrorInfoProvider(IOptions<GraphQLHttpOptions> options, IResolverFailureClassifier? classifier = null)
    : ErrorInfoProvider(o => o.ExposeExceptionDetails = options.Value.ExposeExceptionDetails)
{
    public const string InternalErrorCode = "INTERNAL_ERROR";

    public const string MaxDepthExceededCode = "MAX_DEPTH_EXCEEDED";

    private const string DetailsKey = "details";

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is UnhandledError { InnerException: GraphQLMaxDepthExceededException })
        {
            // The parser's recursion guard (thousands of nested selections or inline fragments) is the client's
            // mistake, not ours, so it gets a code of its own rather than INTERNAL_ERROR.
            return info with { Message = "The document nests too deeply to be parsed.", Extensions = Code(WithoutDetails(info.Extensions), MaxDepthExceededCode) };
        }

        if (executionError is UnhandledError { InnerException: { } cause }
            && classifier?.Classify(cause, executionError.Data.Contains(ResolverFailure.AfterMutationKey)) is { } failure)
        {
            var extensions = Code(WithoutDetails(info.Extensions), failure.Code);
            // The marker is ours, not the client's business.
            extensions.Remove("data");
            if (failure.Retryable is { } retryable)
            {
                extensions["retryable"] = retryable;
            }

            return info with { Message = failure.Message, Extensions = extensions };
        }

        if (executionError is not UnhandledError)
        {
            return info with { Extensions = WithoutDetails(info.Extensions) };
        }

        return options.Value.ExposeExceptionDetails ? info : info with { Extensions = Code(info.Extensions, InternalErrorCode) };
    }

    private static IDictionary<string, object?>? WithoutDetails(IDictionary<string, object?>? extensions)
    {
        if (extensions is null || !extensions.ContainsKey(DetailsKey))
        {
            return extensions;
        }

        var copy = new Dictionary<string, object?>(extensions);
        copy.Remove(DetailsKey);
        return copy;
    }

    private static Dictionary<string, object?> Code(IDictionary<string, object?>? extensions, string code) =>
        new(extensions ?? new Dictionary<string, object?>())
        {
            ["code"] = code,
            ["codes"] = new[] { code },
        };
}
