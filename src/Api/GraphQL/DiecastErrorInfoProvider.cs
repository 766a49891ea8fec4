using Diecast.Api.Data;
using Diecast.Api.GraphQL.Http;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace Diecast.Api.GraphQL;

/// <summary>
/// GraphQL.NET's error formatting, except that an unexpected failure is coded <c>INTERNAL_ERROR</c> unless
/// exception details are exposed: the default code is derived from the exception's type, which tells an
/// outsider what broke.
/// </summary>
public sealed class DiecastErrorInfoProvider(IOptions<GraphQLHttpOptions> options)
    : ErrorInfoProvider(o => o.ExposeExceptionDetails = options.Value.ExposeExceptionDetails)
{
    public const string InternalErrorCode = "INTERNAL_ERROR";

    public const string MaxDepthExceededCode = "MAX_DEPTH_EXCEEDED";

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is UnhandledError { InnerException: GraphQLMaxDepthExceededException })
        {
            // The parser's recursion guard (thousands of nested selections or inline fragments) is the client's
            // mistake, not ours, so it gets a code of its own rather than INTERNAL_ERROR.
            return info with { Message = "The document nests too deeply to be parsed.", Extensions = Code(info, MaxDepthExceededCode) };
        }

        if (executionError is UnhandledError { InnerException: var cause } && DatabaseFailure.Of(cause) is { } failure)
        {
            // An outage is not a bug: the client learns it may retry (or, for a write cut off mid-save, that it must
            // look first), whatever the exception details setting.
            if (executionError.Data.Contains(DatabaseFailure.AfterMutationKey))
            {
                failure = failure.AfterMutation();
            }

            var extensions = Code(info, failure.Code);
            // The marker is ours, not the client's business.
            extensions.Remove("data");
            extensions["retryable"] = failure.Retryable;
            return info with { Message = failure.Message, Extensions = extensions };
        }

        if (executionError is not UnhandledError || options.Value.ExposeExceptionDetails)
        {
            return info;
        }

        return info with { Extensions = Code(info, InternalErrorCode) };
    }

    private static Dictionary<string, object?> Code(ErrorInfo info, string code) =>
        new(info.Extensions ?? new Dictionary<string, object?>())
        {
            ["code"] = code,
            ["codes"] = new[] { code },
        };
}
