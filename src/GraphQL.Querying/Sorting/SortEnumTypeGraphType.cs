using GraphQL.Types;

namespace Diecast.GraphQL.Querying.Sorting;

public enum SortDirection
{
    Ascending,
    Descending,
}

/// <summary>HotChocolate's <c>enum SortEnumType { ASC DESC }</c>.</summary>
public sealed class SortEnumTypeGraphType : EnumerationGraphType
{
    public SortEnumTypeGraphType()
    {
        Name = "SortEnumType";
        Description = "The direction of a sort: ASC (ascending) or DESC (descending).";
        Add("ASC", SortDirection.Ascending);
        Add("DESC", SortDirection.Descending);
    }
}
