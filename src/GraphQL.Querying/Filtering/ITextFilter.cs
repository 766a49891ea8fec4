using System.Linq.Expressions;

namespace Diecast.GraphQL.Querying.Filtering;

/// <summary>
/// How <c>contains</c>, <c>startsWith</c> and <c>endsWith</c> become expressions. The database decides what is fast:
/// on PostgreSQL, ILIKE with a trigram index is case-insensitive and indexable; the default is plain string methods.
/// </summary>
public interface ITextFilter
{
    Expression Contains(Expression member, string value);

    Expression StartsWith(Expression member, string value);

    Expression EndsWith(Expression member, string value);
}

/// <summary>String.Contains/StartsWith/EndsWith: case sensitivity is the database collation's.</summary>
public sealed class OrdinalTextFilter : ITextFilter
{
    public static OrdinalTextFilter Instance { get; } = new();

    public Expression Contains(Expression member, string value) => Call(member, nameof(string.Contains), value);

    public Expression StartsWith(Expression member, string value) => Call(member, nameof(string.StartsWith), value);

    public Expression EndsWith(Expression member, string value) => Call(member, nameof(string.EndsWith), value);

    private static MethodCallExpression Call(Expression member, string method, string value) =>
        Expression.Call(member, typeof(string).GetMethod(method, [typeof(string)])!, QueryParameter.For(value));
}
