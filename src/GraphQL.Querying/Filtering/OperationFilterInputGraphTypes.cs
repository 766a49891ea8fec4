using GraphQL.Types;

namespace Diecast.GraphQL.Querying.Filtering;

/// <summary>HotChocolate's <c>StringOperationFilterInput</c>: the only operation input with <c>and</c>/<c>or</c>.</summary>
public sealed class StringOperationFilterInputGraphType : InputObjectGraphType
{
    public StringOperationFilterInputGraphType()
    {
        Name = "StringOperationFilterInput";
        Field<ListGraphType<NonNullGraphType<StringOperationFilterInputGraphType>>>(FilterOperations.And);
        Field<ListGraphType<NonNullGraphType<StringOperationFilterInputGraphType>>>(FilterOperations.Or);
        Field<StringGraphType>(FilterOperations.Eq);
        Field<StringGraphType>(FilterOperations.Neq);
        Field<StringGraphType>(FilterOperations.Contains).Description("Case-insensitive substring match.");
        Field<StringGraphType>(FilterOperations.NotContains).Description("Case-insensitive: does not contain.");
        Field<ListGraphType<StringGraphType>>(FilterOperations.In);
        Field<ListGraphType<StringGraphType>>(FilterOperations.NotIn);
        Field<StringGraphType>(FilterOperations.StartsWith).Description("Case-insensitive prefix match.");
        Field<StringGraphType>(FilterOperations.NotStartsWith).Description("Case-insensitive: does not start with.");
        Field<StringGraphType>(FilterOperations.EndsWith).Description("Case-insensitive suffix match.");
        Field<StringGraphType>(FilterOperations.NotEndsWith).Description("Case-insensitive: does not end with.");
    }
}

public sealed class BooleanOperationFilterInputGraphType : InputObjectGraphType
{
    public BooleanOperationFilterInputGraphType()
    {
        Name = "BooleanOperationFilterInput";
        Field<BooleanGraphType>(FilterOperations.Eq);
        Field<BooleanGraphType>(FilterOperations.Neq);
    }
}

/// <summary>The twelve comparison operations HotChocolate gives every ordered scalar.</summary>
public abstract class ComparableOperationFilterInputGraphType<TScalarGraphType> : InputObjectGraphType
    where TScalarGraphType : ScalarGraphType
{
    protected ComparableOperationFilterInputGraphType(string name)
    {
        Name = name;
        Field<TScalarGraphType>(FilterOperations.Eq);
        Field<TScalarGraphType>(FilterOperations.Neq);
        Field<ListGraphType<TScalarGraphType>>(FilterOperations.In);
        Field<ListGraphType<TScalarGraphType>>(FilterOperations.NotIn);
        Field<TScalarGraphType>(FilterOperations.GreaterThan);
        Field<TScalarGraphType>(FilterOperations.NotGreaterThan);
        Field<TScalarGraphType>(FilterOperations.GreaterThanOrEqual);
        Field<TScalarGraphType>(FilterOperations.NotGreaterThanOrEqual);
        Field<TScalarGraphType>(FilterOperations.LessThan);
        Field<TScalarGraphType>(FilterOperations.NotLessThan);
        Field<TScalarGraphType>(FilterOperations.LessThanOrEqual);
        Field<TScalarGraphType>(FilterOperations.NotLessThanOrEqual);
    }
}

public sealed class IntOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<IntGraphType>("IntOperationFilterInput");

public sealed class LongOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<LongGraphType>("LongOperationFilterInput");

public sealed class DecimalOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<DecimalGraphType>("DecimalOperationFilterInput");

public sealed class FloatOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<FloatGraphType>("FloatOperationFilterInput");

public sealed class DateTimeOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<DateTimeGraphType>("DateTimeOperationFilterInput");

public sealed class UuidOperationFilterInputGraphType() : ComparableOperationFilterInputGraphType<GuidGraphType>("UuidOperationFilterInput");

/// <summary>
/// HotChocolate's enum operations: <c>{Enum}OperationFilterInput</c> with <c>in: [Enum!]</c> for a non-null member.
/// </summary>
public class EnumOperationFilterInputGraphType<TEnumGraphType> : InputObjectGraphType
    where TEnumGraphType : EnumerationGraphType, new()
{
    public EnumOperationFilterInputGraphType()
    {
        Name = $"{new TEnumGraphType().Name}OperationFilterInput";
        Field<TEnumGraphType>(FilterOperations.Eq);
        Field<TEnumGraphType>(FilterOperations.Neq);
        Field<ListGraphType<NonNullGraphType<TEnumGraphType>>>(FilterOperations.In);
        Field<ListGraphType<NonNullGraphType<TEnumGraphType>>>(FilterOperations.NotIn);
    }
}

/// <summary>HotChocolate's <c>NullableOf{Enum}OperationFilterInput</c>, for a nullable member: <c>in: [Enum]</c>.</summary>
public class NullableEnumOperationFilterInputGraphType<TEnumGraphType> : InputObjectGraphType
    where TEnumGraphType : EnumerationGraphType, new()
{
    public NullableEnumOperationFilterInputGraphType()
    {
        Name = $"NullableOf{new TEnumGraphType().Name}OperationFilterInput";
        Field<TEnumGraphType>(FilterOperations.Eq);
        Field<TEnumGraphType>(FilterOperations.Neq);
        Field<ListGraphType<TEnumGraphType>>(FilterOperations.In);
        Field<ListGraphType<TEnumGraphType>>(FilterOperations.NotIn);
    }
}

/// <summary>HotChocolate's <c>List{ElementOperation}</c> for lists of scalars, e.g. <c>ListStringOperationFilterInput</c>.</summary>
public class ListOperationFilterInputGraphType<TElementOperationGraphType> : InputObjectGraphType
    where TElementOperationGraphType : InputObjectGraphType, new()
{
    public ListOperationFilterInputGraphType()
    {
        Name = $"List{new TElementOperationGraphType().Name}";
        Field<TElementOperationGraphType>(FilterOperations.All);
        Field<TElementOperationGraphType>(FilterOperations.None);
        Field<TElementOperationGraphType>(FilterOperations.Some);
        Field<BooleanGraphType>(FilterOperations.Any);
    }
}

/// <summary>HotChocolate's <c>ListFilterInputTypeOf{Entity}FilterInput</c> for collections of objects.</summary>
public class ListFilterInputGraphType<TFilterInputGraphType> : InputObjectGraphType
    where TFilterInputGraphType : InputObjectGraphType, new()
{
    public ListFilterInputGraphType()
    {
        Name = $"ListFilterInputTypeOf{new TFilterInputGraphType().Name}";
        Field<TFilterInputGraphType>(FilterOperations.All);
        Field<TFilterInputGraphType>(FilterOperations.None);
        Field<TFilterInputGraphType>(FilterOperations.Some);
        Field<BooleanGraphType>(FilterOperations.Any);
    }
}
