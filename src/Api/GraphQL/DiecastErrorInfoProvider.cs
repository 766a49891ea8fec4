using Diecast.Api.Data;
using Diecast.Api.GraphQL.Http;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Diecast.Api.GraphQL;

/// <summary>
/// GraphQL.NET's error formatting, except that an unexpected failure is coded <c>INTERNAL_ERROR</c> unless
/// exception details are exposed: the default code is derived from the exception's type, which tells an
/// outsider what broke. Details (<c>extensions.details</c>: the .NET type and stack trace) go only on unexpected
/// failures, and only when <see cref="GraphQLHttpOptions.ExposeExceptionDetails"/> is on: a client's mistake
/// (syntax, variables, validation, limits, our own codes) is fully told by its message and code, as in HotChocolate.
/// </summary>
public sealed class DiecastErrorInfoProvider(IOptions<GraphQLHttpOptions> options)
    : ErrorInfoProvider(o => o.ExposeExceptionDetails = options.Value.ExposeExceptionDetails)
{
    public const string InternalErrorCode = "INTERNAL_ERROR";

    public const string MaxDepthExceededCode = "MAX_DEPTH_EXCEEDED";

    public const string QueryTooComplexCode = "QUERY_TOO_COMPLEX";

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

        if (executionError is UnhandledError { InnerException: var limitCause } && IsDatabaseLimit(limitCause))
        {
            // What the document limits and the filter builder let through can still be more than the database takes
            // (PostgreSQL's stack depth, at most 65,535 parameters a statement) when an operator raises the limits far.
            return info with { Message = "The query is too large or too complex for the database; narrow its filter.", Extensions = Code(WithoutDetails(info.Extensions), QueryTooComplexCode) };
        }

        if (executionError is UnhandledError { InnerException: var cause } && DatabaseFailure.Of(cause) is { } failure)
        {
            // An outage is not a bug: the client learns it may retry (or, for a write cut off mid-save, that it must
            // look first), whatever the exception details setting.
            if (executionError.Data.Contains(DatabaseFailure.AfterMutationKey))
            {
                failure = failure.AfterMutation();
            }

            var extensions = Code(WithoutDetails(info.Extensions), failure.Code);
            // The marker is ours, not the client's business.
            extensions.Remove("data");
            extensions["retryable"] = failure.Retryable;
            return info with { Message = failure.Message, Extensions = extensions };
        }

        if (executionError is not UnhandledError)
        {
            return info with { Extensions = WithoutDetails(info.Extensions) };
        }

        return options.Value.ExposeExceptionDetails ? info : info with { Extensions = Code(info.Extensions, InternalErrorCode) };
    }

    private static bool IsDatabaseLimit(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Class 54, program limit exceeded: stack depth (54001), too many arguments or columns.
                case PostgresException { SqlState: var state } when state.StartsWith("54", StringComparison.Ordinal):
                // Thrown by code that checks its stack before recursing further (RuntimeHelpers.EnsureSufficientExecutionStack).
                case InsufficientExecutionStackException:
                // Npgsql refuses a statement over PostgreSQL's parameter limit before sending it; it gives no other
                // mark than this message (DeepFilterTests sends 70,000 terms to catch a change of wording).
                case NpgsqlException when e.GetType() == typeof(NpgsqlException) && e.Message.StartsWith("A statement cannot have more than", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
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
