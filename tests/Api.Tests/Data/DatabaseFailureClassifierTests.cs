using Diecast.Api.Data;
using Diecast.GraphQL.Server;
using Diecast.GraphQL.Server.Http;
using GraphQL.Execution;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Diecast.Api.Tests.Data;

/// <summary>
/// Failures that say the query was more than the database takes are the client's to fix, so they carry a code of
/// their own rather than INTERNAL_ERROR (with or without exception details), as the GraphQL server's error info
/// provider reports them with this classifier.
/// </summary>
public sealed class DatabaseFailureClassifierTests
{
    public static TheoryData<Exception, string> Failures() => new()
    {
        { new PostgresException("stack depth limit exceeded", "ERROR", "ERROR", "54001"), "QUERY_TOO_COMPLEX" },
        { new PostgresException("cannot pass more than 100 arguments to a function", "ERROR", "ERROR", "54023"), "QUERY_TOO_COMPLEX" },
        { new InvalidOperationException("translation failed", new InsufficientExecutionStackException()), "QUERY_TOO_COMPLEX" },
        { new NpgsqlException("A statement cannot have more than 65535 parameters"), "QUERY_TOO_COMPLEX" },
        { new NpgsqlException("Failed to connect to 127.0.0.1:1"), "INTERNAL_ERROR" },
        { new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"), "INTERNAL_ERROR" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Database_limits_are_QUERY_TOO_COMPLEX_and_other_failures_INTERNAL_ERROR(Exception failure, string code)
    {
        var provider = new GraphQLErrorInfoProvider(Options.Create(new GraphQLHttpOptions()), new DatabaseFailureClassifier());

        var info = provider.GetInfo(new UnhandledError("Error trying to resolve field 'products'.", failure));

        Assert.Equal(code, info.Extensions!["code"]);
        Assert.DoesNotContain("65535", info.Message, StringComparison.Ordinal);
    }
}
