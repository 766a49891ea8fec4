using GraphQL.Types;
using GraphQLParser.AST;

namespace Diecast.ClientGenerator.Model;

/// <summary>
/// The schema types the client declares as they are, whatever selects them: enums (from variables and results alike)
/// and input classes (from variables), each added once under its C# name (<see cref="Naming.SchemaType"/>).
/// </summary>
internal sealed class SchemaTypeModelBuilder(ISchema schema, ScalarMap scalars, string clientName, TypeOrigins origins)
{
    private readonly SortedDictionary<string, EnumModel> _enums = new(StringComparer.Ordinal);

    /// <summary>Input classes by GraphQL name; null while one's fields are being built.</summary>
    private readonly SortedDictionary<string, InputModel?> _inputs = new(StringComparer.Ordinal);

    /// <summary>Sorted by GraphQL name.</summary>
    public IReadOnlyList<EnumModel> Enums => [.. _enums.Values];

    /// <summary>Sorted by GraphQL name.</summary>
    public IReadOnlyList<InputModel> Inputs => [.. _inputs.Values.OfType<InputModel>()];

    /// <summary>A variable's type, as the operation document writes it.</summary>
    public TypeUse VariableTypeUse(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => VariableTypeUse(nonNull.Type).AsNullable(false),
        GraphQLListType list => TypeUse.List(VariableTypeUse(list.Type)),
        GraphQLNamedType named => NamedInputTypeUse(schema.AllTypes[named.Name.StringValue]!),
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    /// <summary>An enum or scalar (in or out, they map the same), or null for any other type.</summary>
    public TypeUse? LeafTypeUse(IGraphType type)
    {
        switch (type)
        {
            // Before scalars: GraphQL.NET's enumeration graph type is a scalar graph type.
            case EnumerationGraphType enumType:
                return TypeUse.Enum(AddEnum(enumType));
            case ScalarGraphType scalar:
                return TypeUse.Scalar(scalars[scalar.Name]);
            default:
                return null;
        }
    }

    private TypeUse InputTypeUse(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => InputTypeUse(nonNull.ResolvedType!).AsNullable(false),
        ListGraphType list => TypeUse.List(InputTypeUse(list.ResolvedType!)),
        _ => NamedInputTypeUse(type),
    };

    private TypeUse NamedInputTypeUse(IGraphType type)
    {
        if (LeafTypeUse(type) is { } leaf)
        {
            return leaf;
        }

        switch (type)
        {
            case IInputObjectGraphType input:
                return TypeUse.Input(AddInput(input));
            default:
                throw new NotSupportedException($"'{type.Name}' is not an input type.");
        }
    }

    /// <summary>Adds the enum once; returns its C# name.</summary>
    private string AddEnum(EnumerationGraphType enumType)
    {
        if (_enums.TryGetValue(enumType.Name, out var added))
        {
            return added.Name;
        }

        var name = SchemaType(enumType.Name);
        origins.Record(name);
        _enums[enumType.Name] = new EnumModel(name, enumType.Name, enumType.Description,
            [.. enumType.Values.Select(v => new EnumValueModel(v.Name, Naming.EnumMember(v.Name), v.Description))]);
        return name;
    }

    /// <summary>Adds the input class once; returns its C# name.</summary>
    private string AddInput(IInputObjectGraphType input)
    {
        var name = SchemaType(input.Name);
        if (_inputs.ContainsKey(input.Name))
        {
            return name;
        }

        // Registered before its fields, which may refer back to it (ProductFilterInput.and: [ProductFilterInput!]).
        _inputs[input.Name] = null;
        origins.Record(name);
        var fields = input.Fields.Select(f =>
        {
            var type = InputTypeUse(f.ResolvedType!);
            return new InputFieldModel(f.Name, InputProperty(f.Name, name), type, !type.Nullable && f.DefaultValue is null, f.Description);
        }).ToList();
        _inputs[input.Name] = new InputModel(name, input.Description, fields);
        return name;
    }

    /// <summary>A schema type's C# name (Naming.SchemaType), with a trailing _ where the client's own types have it.</summary>
    private string SchemaType(string graphQLName)
    {
        var name = Naming.SchemaType(graphQLName);
        return name == clientName || name == "I" + clientName || name == clientName + "Registration" || name == clientName + "Json" ? name + "_" : name;
    }

    /// <summary>
    /// An input field's property: Pascal-cased, with trailing _ while it or its backing fields would take a name the
    /// class uses (its own, CS0542; the WriteTo method; the readers' class, which WriteTo calls). The schema's names
    /// cannot be aliased.
    /// </summary>
    private string InputProperty(string fieldName, string className)
    {
        var name = Naming.Pascal(fieldName);
        while (name == className || name == "WriteTo" || name == clientName + "Json" || Naming.InputBackingField(name) == className || Naming.InputSetFlag(name) == className)
        {
            name += "_";
        }

        return name;
    }
}
