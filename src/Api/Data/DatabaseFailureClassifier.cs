using Diecast.GraphQL.Server;
using Npgsql;

namespace Diecast.Api.Data;

/// <summary>Tells the GraphQL server which resolver failures are the database's (see <see cref="DatabaseFailure"/>) rather than bugs.</summary>
public sealed class DatabaseFailureClassifier : IResolverFailureClassifier
{
    public const string QueryTooComplexCode = "QUERY_TOO_COMPLEX";

    private static readonly ResolverFailure QueryTooComplex = new(QueryTooComplexCode, "The query is too large or too complex for the database; narrow its filter.");

    public ResolverFailure? Classify(Exception exception, bool afterMutation)
    {
        if (IsDatabaseLimit(exception))
        {
            // What the document limits and the filter builder let through can still be more than the database takes
            // (PostgreSQL's stack depth, at most 65,535 parameters a statement) when an operator raises the limits far.
            return QueryTooComplex;
        }

        if (DatabaseFailure.Of(exception) is not { } failure)
        {
            return null;
        }

        // An outage is not a bug: the client learns it may retry (or, for a write cut off mid-save, that it must look
        // first).
        if (afterMutation)
        {
            failure = failure.AfterMutation();
        }

        return new ResolverFailure(failure.Code, failure.Message, failure.Retryable);
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
}
