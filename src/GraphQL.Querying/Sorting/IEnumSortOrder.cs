namespace Diecast.GraphQL.Querying.Sorting;

/// <summary>
/// The order in which the database sorts an enum's values, which keyset cursors must reproduce. It is the
/// database's, not C#'s: PostgreSQL sorts a native enum by the order of its labels in CREATE TYPE.
/// </summary>
public interface IEnumSortOrder
{
    /// <summary>The values of <paramref name="enumType"/>, smallest first.</summary>
    IReadOnlyList<object> Ascending(Type enumType);
}

/// <summary>Declaration (underlying value) order: right where enums are stored as their numbers.</summary>
public sealed class DeclarationEnumSortOrder : IEnumSortOrder
{
    public static DeclarationEnumSortOrder Instance { get; } = new();

    public IReadOnlyList<object> Ascending(Type enumType) => [.. Enum.GetValues(enumType).Cast<object>().Order()];
}
