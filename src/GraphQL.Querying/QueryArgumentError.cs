using GraphQL;

namespace Diecast.GraphQL.Querying;

/// <summary>A filter, sort or paging argument that cannot be applied: a field error with a code; nothing is queried.</summary>
public sealed class QueryArgumentError : ExecutionError
{
    public QueryArgumentError(string code, string message, Dictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code;
        if (extensions is not null)
        {
            Extensions = extensions;
        }
    }

    /// <summary>HotChocolate's HC0026: null where the operation needs a value.</summary>
    public static QueryArgumentError NullNotAllowed(string operation, string path) =>
        new("HC0026", $"The provided value for filter `{operation}` at `{path}` is invalid. Null values are not supported.", new Dictionary<string, object?> { ["filterPath"] = path });
}
