namespace Diecast.GraphQL.Querying.Filtering;

/// <summary>The operation input HotChocolate's default conventions pick for a member's CLR type.</summary>
internal static class OperationGraphTypes
{
    public static Type For(Type memberType)
    {
        var type = Nullable.GetUnderlyingType(memberType) ?? memberType;
        if (type == typeof(string))
        {
            return typeof(StringOperationFilterInputGraphType);
        }

        if (ListElementType(type) is { } element)
        {
            return typeof(ListOperationFilterInputGraphType<>).MakeGenericType(For(element));
        }

        return type switch
        {
            _ when type == typeof(bool) => typeof(BooleanOperationFilterInputGraphType),
            _ when type == typeof(int) || type == typeof(short) => typeof(IntOperationFilterInputGraphType),
            _ when type == typeof(long) => typeof(LongOperationFilterInputGraphType),
            _ when type == typeof(decimal) => typeof(DecimalOperationFilterInputGraphType),
            _ when type == typeof(double) || type == typeof(float) => typeof(FloatOperationFilterInputGraphType),
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => typeof(DateTimeOperationFilterInputGraphType),
            _ when type == typeof(Guid) => typeof(UuidOperationFilterInputGraphType),
            _ when type.IsEnum => throw new ArgumentException($"Enum members are filtered with FilterEnum<TEnumGraphType>(), which names the enum's graph type ({type.Name})."),
            _ => throw new ArgumentException($"No filter operations are defined for {type.Name}; use FilterObject or FilterList for objects."),
        };
    }

    /// <summary>The element type of a list of scalars (string[], List&lt;string&gt;…), or null.</summary>
    public static Type? ListElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable
            ? enumerable.GetGenericArguments()[0]
            : null;
    }
}
