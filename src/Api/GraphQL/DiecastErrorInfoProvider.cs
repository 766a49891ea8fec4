using Diecast.Api.GraphQL.Http;
using GraphQL;
using GraphQL.Execution;
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

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is not UnhandledError || options.Value.ExposeExceptionDetails)
        {
            return info;
        }

        var extensions = new Dictionary<string, object?>(info.Extensions ?? new Dictionary<string, object?>())
        {
            ["code"] = InternalErrorCode,
            ["codes"] = new[] { InternalErrorCode },
        };
        return info with { Extensions = extensions };
    }
}
