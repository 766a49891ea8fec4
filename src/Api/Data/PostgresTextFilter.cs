using System.Linq.Expressions;
using Diecast.GraphQL.Querying;
using Diecast.GraphQL.Querying.Filtering;

namespace Diecast.Api.Data;

/// <summary>
/// contains/startsWith/endsWith as PostgreSQL ILIKE: case-insensitive, and served by the trigram indexes on large
/// tables. The value is escaped, so %, _ and \ in a search mean themselves.
/// </summary>
public sealed class PostgresTextFilter : ITextFilter
{
    private static readonly System.Reflection.MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions)
        .GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    // Npgsql's two-argument ILike sends ESCAPE '', which would make our backslashes literal characters.
    private const string EscapeCharacter = @"\";

    public Expression Contains(Expression member, string value) => Like(member, $"%{Escape(value)}%");

    public Expression StartsWith(Expression member, string value) => Like(member, $"{Escape(value)}%");

    public Expression EndsWith(Expression member, string value) => Like(member, $"%{Escape(value)}");

    private static MethodCallExpression Like(Expression member, string pattern) =>
        Expression.Call(ILike, Expression.Constant(EF.Functions), member, QueryParameter.For(pattern), Expression.Constant(EscapeCharacter));

    private static string Escape(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
