namespace Diecast.GraphQL.Querying.Filtering;

/// <summary>HotChocolate's operation names (AddDefaultOperations).</summary>
public static class FilterOperations
{
    public const string And = "and";
    public const string Or = "or";
    public const string Eq = "eq";
    public const string Neq = "neq";
    public const string In = "in";
    public const string NotIn = "nin";
    public const string GreaterThan = "gt";
    public const string NotGreaterThan = "ngt";
    public const string GreaterThanOrEqual = "gte";
    public const string NotGreaterThanOrEqual = "ngte";
    public const string LessThan = "lt";
    public const string NotLessThan = "nlt";
    public const string LessThanOrEqual = "lte";
    public const string NotLessThanOrEqual = "nlte";
    public const string Contains = "contains";
    public const string NotContains = "ncontains";
    public const string StartsWith = "startsWith";
    public const string NotStartsWith = "nstartsWith";
    public const string EndsWith = "endsWith";
    public const string NotEndsWith = "nendsWith";
    public const string All = "all";
    public const string None = "none";
    public const string Some = "some";
    public const string Any = "any";
}
