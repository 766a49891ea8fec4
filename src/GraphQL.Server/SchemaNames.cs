using System.Text.Json;

namespace Diecast.GraphQL.Server;

/// <summary>The names clients see in the schema, for messages that name input fields and enum values.</summary>
public static class SchemaNames
{
    /// <summary>An input field as the schema names it: the C# property in camelCase (<c>StockQuantity</c> → <c>stockQuantity</c>).</summary>
    public static string InputField(string propertyName) => JsonNamingPolicy.CamelCase.ConvertName(propertyName);

    /// <summary>An enum value as the schema spells it (<c>PENDING_PAYMENT</c>), converted by GraphQL.NET itself so the two cannot differ.</summary>
    public static string EnumValue<TEnum>(TEnum value)
        where TEnum : struct, Enum => EnumNames<TEnum>.ByValue[value];

    private static class EnumNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ByValue =
            new EnumerationGraphType<TEnum>().Values.ToDictionary(v => (TEnum)v.Value!, v => v.Name);
    }
}
