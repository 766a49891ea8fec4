using Diecast.ClientGenerator.Model;
using static Diecast.ClientGenerator.Emit.CSharpNames;

namespace Diecast.ClientGenerator.Emit;

/// <summary>
/// Enums, and input classes that remember which properties were set: only those are written, so an unset field takes
/// the server's default and one set to null is sent as null.
/// </summary>
internal sealed class SchemaTypeEmitter(CodeWriter code, JsonWritingEmitter json)
{
    public void EmitEnum(EnumModel enumModel)
    {
        code.Line();
        code.Summary(enumModel.Description);
        using (code.Block($"public enum {enumModel.Name}"))
        {
            foreach (var value in enumModel.Values)
            {
                code.Summary(value.Description);
                code.Line($"{value.MemberName},");
            }
        }
    }

    public void EmitInput(InputModel input)
    {
        code.Line();
        code.Summary(input.Description);
        code.Line("/// <remarks>Only the properties that are set are sent: an unset field takes the server's default.</remarks>");
        using (code.Block($"public sealed partial class {input.Name}"))
        {
            EmitFields(input);
            foreach (var field in input.Fields)
            {
                EmitProperty(field);
            }

            code.Line();
            EmitWriteTo(input);
        }
    }

    /// <summary>A backing field and a "was set" flag per property.</summary>
    private void EmitFields(InputModel input)
    {
        foreach (var field in input.Fields)
        {
            var type = TypeOf(field.Type);
            var backing = Naming.InputBackingField(field.PropertyName);
            // A non-null reference is unset until assigned (and then sent); the compiler need not warn about it.
            code.Line($"private {type} {backing}{(!field.Type.Nullable && !field.Type.IsValueType ? " = null!" : "")};");
            code.Line($"private bool {Naming.InputSetFlag(field.PropertyName)};");
        }
    }

    private void EmitProperty(InputFieldModel field)
    {
        var backing = Naming.InputBackingField(field.PropertyName);
        code.Line();
        code.Summary(field.Description);
        using (code.Block($"public {HidingModifier(field.PropertyName)}{(field.IsRequired ? "required " : "")}{TypeOf(field.Type)} {field.PropertyName}"))
        {
            code.Line($"get => {backing};");
            using (code.Block("set"))
            {
                code.Line($"{backing} = value;");
                code.Line($"{Naming.InputSetFlag(field.PropertyName)} = true;");
            }
        }
    }

    private void EmitWriteTo(InputModel input)
    {
        using (code.Block("internal void WriteTo(Utf8JsonWriter writer)"))
        {
            code.Line("writer.WriteStartObject();");
            foreach (var field in input.Fields)
            {
                var backing = Naming.InputBackingField(field.PropertyName);
                using (code.Block($"if ({Naming.InputSetFlag(field.PropertyName)})"))
                {
                    code.Line($"writer.WritePropertyName(\"{field.GraphQLName}\");");
                    json.WriteValue(field.Type, backing, 0, "");
                }
            }

            code.Line("writer.WriteEndObject();");
        }
    }
}
