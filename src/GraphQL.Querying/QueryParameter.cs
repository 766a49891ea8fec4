using System.Linq.Expressions;

namespace Diecast.GraphQL.Querying;

/// <summary>
/// Wraps a value so that EF Core sends it as a SQL parameter rather than inlining it as a literal:
/// one cached plan per query shape, whatever the values.
/// </summary>
public static class QueryParameter
{
    public static Expression For(object? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var holder = Activator.CreateInstance(typeof(Holder<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(holder), nameof(Holder<object>.Value));
    }

    public static Expression For<T>(T value) => Expression.Property(Expression.Constant(new Holder<T>(value)), nameof(Holder<T>.Value));

    private sealed class Holder<T>(T value)
    {
        public T Value { get; } = value;
    }
}
