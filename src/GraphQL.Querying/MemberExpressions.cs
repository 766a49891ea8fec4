using System.Linq.Expressions;

namespace Diecast.GraphQL.Querying;

internal static class MemberExpressions
{
    /// <summary>Enumerable.Contains(source, value): the list-membership test EF Core translates to = ANY.</summary>
    public static readonly System.Reflection.MethodInfo EnumerableContains = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2);

    /// <summary>Whether a value of the type can be null: reference types and Nullable&lt;T&gt;.</summary>
    public static bool CanBeNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    /// <summary>The lambda's body with its parameter replaced: <c>p => p.Name</c> applied to <paramref name="instance"/>.</summary>
    public static Expression ApplyTo(this LambdaExpression lambda, Expression instance) =>
        new ParameterReplacer(lambda.Parameters[0], instance).Visit(lambda.Body);

    /// <summary>The member name of <c>p => p.Name</c> (or <c>p => (object)p.Name</c>).</summary>
    public static string MemberName(this LambdaExpression lambda) =>
        (lambda.Body is UnaryExpression { Operand: MemberExpression inner } ? inner : (MemberExpression)lambda.Body).Member.Name;

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
