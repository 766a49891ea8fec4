namespace Diecast.ClientGenerator.Model;

/// <summary>
/// What the client is made of, independent of C# syntax: operations, result interfaces and classes, enums and inputs.
/// Every list is sorted or in document order, so the emitted code is the same on every run.
/// </summary>
public sealed class ClientModel
{
    public required string ClientName { get; init; }

    public required string Namespace { get; init; }

    public required IReadOnlyList<OperationModel> Operations { get; init; }

    public required IReadOnlyList<ResultInterface> Interfaces { get; init; }

    public required IReadOnlyList<ResultClass> Classes { get; init; }

    /// <summary>Selection positions that are read from JSON (operation results; fragments are interfaces only).</summary>
    public required IReadOnlyList<Position> ReadPositions { get; init; }

    public required IReadOnlyList<EnumModel> Enums { get; init; }

    public required IReadOnlyList<InputModel> Inputs { get; init; }
}

public sealed record OperationModel(string Name, string Kind, string Document, string DocumentId, IReadOnlyList<VariableModel> Variables, Position Result)
{
    /// <summary>StrawberryShake's naming: GetProducts → IGetProductsQuery, CreateProduct → ICreateProductMutation.</summary>
    public string TypeName => Name + Kind;
}

/// <summary>An operation variable. IsOmittable: it has a default or is nullable, so null means "not given" and it is left out of the request.</summary>
public sealed record VariableModel(string Name, TypeUse Type, bool IsOmittable);

/// <summary>
/// A type as a field or variable uses it: nullability, list nesting and the named type at the bottom (a scalar's C#
/// type, an enum, an input class, or a result interface). Exactly one of <see cref="Item"/>, <see cref="ScalarType"/>,
/// <see cref="EnumName"/>, <see cref="InputName"/> and <see cref="Position"/> is set; the factories start nullable, as
/// GraphQL types do, and <see cref="AsNullable"/> applies a non-null wrapper.
/// </summary>
public sealed record TypeUse
{
    private TypeUse()
    {
    }

    public bool Nullable { get; private init; } = true;

    /// <summary>The item type of a list.</summary>
    public TypeUse? Item { get; private init; }

    public ScalarType? ScalarType { get; private init; }

    /// <summary>The enum's C# name.</summary>
    public string? EnumName { get; private init; }

    /// <summary>The input class's C# name.</summary>
    public string? InputName { get; private init; }

    /// <summary>The selection an object, interface or union field is read into.</summary>
    public Position? Position { get; private init; }

    public static TypeUse Scalar(ScalarType type) => new() { ScalarType = type };

    public static TypeUse Enum(string name) => new() { EnumName = name };

    public static TypeUse Input(string name) => new() { InputName = name };

    public static TypeUse List(TypeUse item) => new() { Item = item };

    public static TypeUse Composite(Position position) => new() { Position = position };

    /// <summary>Whether the C# type is a value type (an enum or a value-typed scalar), which C# makes nullable with Nullable&lt;T&gt;.</summary>
    public bool IsValueType => EnumName is not null || ScalarType?.IsValueType == true;

    public TypeUse AsNullable(bool nullable) => this with { Nullable = nullable };
}

/// <summary>A C# type a scalar maps to, with how generated code reads and writes it.</summary>
public sealed record ScalarType(string CSharpName, bool IsValueType, string ReadMethod, string WriteKind);

/// <summary>An enum: its C# name (Naming.SchemaType) and the schema's.</summary>
public sealed record EnumModel(string Name, string GraphQLName, string? Description, IReadOnlyList<EnumValueModel> Values);

public sealed record EnumValueModel(string GraphQLName, string MemberName, string? Description);

public sealed record InputModel(string Name, string? Description, IReadOnlyList<InputFieldModel> Fields);

/// <summary>An input field. IsRequired: non-null without a default, so the C# property is <c>required</c>.</summary>
public sealed record InputFieldModel(string GraphQLName, string PropertyName, TypeUse Type, bool IsRequired, string? Description);

/// <summary>A property of a result interface or class: the field's response name (its alias, if any) Pascal-cased.</summary>
public sealed record ResultProperty(string ResponseName, string PropertyName, TypeUse Type);

/// <summary>A generated result interface: I{Path}, a per-type I{Path}_{Type}, or a fragment's I{Fragment}.</summary>
public sealed class ResultInterface(string name, string graphQLType)
{
    public string Name { get; } = name;

    public string GraphQLType { get; } = graphQLType;

    public SortedSet<string> Bases { get; } = new(StringComparer.Ordinal);

    public List<ResultProperty> Properties { get; } = [];
}

/// <summary>A concrete result class; <see cref="GraphQLType"/> is null for the fallback of an abstract position.</summary>
public sealed class ResultClass(string name, string? graphQLType, string implements, IReadOnlyList<ResultProperty> properties)
{
    public string Name { get; } = name;

    public string? GraphQLType { get; } = graphQLType;

    public string Implements { get; } = implements;

    public IReadOnlyList<ResultProperty> Properties { get; } = properties;
}

/// <summary>
/// A selection set at one place in an operation or fragment. Its <see cref="InterfaceName"/> is the type fields of
/// this shape have; <see cref="ClassesByType"/> and <see cref="Fallback"/> are what reading JSON may produce.
/// </summary>
public sealed class Position(string name, string interfaceName, bool isAbstract)
{
    public string Name { get; } = name;

    public string InterfaceName { get; } = interfaceName;

    public bool IsAbstract { get; } = isAbstract;

    public SortedDictionary<string, ResultClass> ClassesByType { get; } = new(StringComparer.Ordinal);

    /// <summary>The class for an object position, or for a typename an abstract position has no class of its own for.</summary>
    public ResultClass? Fallback { get; set; }
}
