using Diecast.ClientGenerator.Model;

namespace Diecast.ClientGenerator.Emit;

/// <summary>Statements writing variable and input values as JSON, shared by operations and input classes.</summary>
internal sealed class JsonWritingEmitter(CodeWriter code, string jsonClass)
{
    /// <summary>
    /// Statements writing <paramref name="expression"/> as JSON with <c>{prefix}writer</c>; the locals they declare are
    /// named with <paramref name="prefix"/> too, and numbered by <paramref name="depth"/> so nested ones differ.
    /// </summary>
    public void WriteValue(TypeUse type, string expression, int depth, string prefix)
    {
        var writer = prefix + "writer";
        if (type.Nullable)
        {
            using (code.Block($"if ({expression} is {{ }} {prefix}value{depth})"))
            {
                WriteValue(type.AsNullable(false), $"{prefix}value{depth}", depth + 1, prefix);
            }

            using (code.Block("else"))
            {
                code.Line($"{writer}.WriteNullValue();");
            }

            return;
        }

        if (type.Item is not null)
        {
            code.Line($"{writer}.WriteStartArray();");
            using (code.Block($"foreach (var {prefix}item{depth} in {expression})"))
            {
                WriteValue(type.Item, $"{prefix}item{depth}", depth + 1, prefix);
            }

            code.Line($"{writer}.WriteEndArray();");
        }
        else if (type.EnumName is not null)
        {
            code.Line($"{writer}.WriteStringValue({jsonClass}.Format{type.EnumName}({expression}));");
        }
        else if (type.InputName is not null)
        {
            code.Line($"{expression}.WriteTo({writer});");
        }
        else
        {
            code.Line(type.ScalarType!.WriteKind switch
            {
                "Number" => $"{writer}.WriteNumberValue({expression});",
                "Boolean" => $"{writer}.WriteBooleanValue({expression});",
                "Json" => $"{expression}.WriteTo({writer});",
                _ => $"{writer}.WriteStringValue({expression});",
            });
        }
    }
}
