using Diecast.ClientGenerator.Model;
using static Diecast.ClientGenerator.Emit.CSharpNames;

namespace Diecast.ClientGenerator.Emit;

/// <summary>
/// The readers class {Client}Json: one method per read position, dispatching on __typename where the position is
/// abstract, and a reader and a formatter per enum. Every value goes through ResponseReader, which checks it against
/// what the operation promises.
/// </summary>
internal sealed class ReaderEmitter(CodeWriter code, ClientModel model, string jsonClass)
{
    public void Emit()
    {
        code.Line().Line("/// <summary>Reads responses into the result classes, checking every value against the operation.</summary>");
        using (code.Block($"internal static class {jsonClass}"))
        {
            var first = true;
            foreach (var position in model.ReadPositions)
            {
                if (!first)
                {
                    code.Line();
                }

                first = false;
                EmitPositionReader(position);
            }

            foreach (var enumModel in model.Enums)
            {
                EmitEnumReaderAndFormatter(enumModel);
            }
        }
    }

    private void EmitPositionReader(Position position)
    {
        using (code.Block($"internal static {position.InterfaceName} Read{position.Name}(JsonElement element, string path)"))
        {
            code.Line("var typename = ResponseReader.ReadTypename(element, path);");
            if (!position.IsAbstract)
            {
                Construct(position.Fallback!);
                return;
            }

            using (code.Block("switch (typename)"))
            {
                foreach (var (typeName, resultClass) in position.ClassesByType)
                {
                    code.Line($"case \"{typeName}\":");
                    using (code.Block())
                    {
                        Construct(resultClass);
                    }
                }

                code.Line("default:");
                using (code.Block())
                {
                    Construct(position.Fallback!);
                }
            }
        }
    }

    private void EmitEnumReaderAndFormatter(EnumModel enumModel)
    {
        code.Line();
        EmitSwitchExpression(
            $"internal static {enumModel.Name} Read{enumModel.Name}(JsonElement element, string path) => ResponseReader.ReadString(element, path) switch",
            enumModel.Values.Select(value => $"\"{value.GraphQLName}\" => {enumModel.Name}.{value.MemberName},"),
            $"_ => throw ResponseReader.UnknownEnumValue(element, path, \"{enumModel.GraphQLName}\"),");
        code.Line();
        EmitSwitchExpression(
            $"internal static string Format{enumModel.Name}({enumModel.Name} value) => value switch",
            enumModel.Values.Select(value => $"{enumModel.Name}.{value.MemberName} => \"{value.GraphQLName}\","),
            $"_ => throw new ArgumentOutOfRangeException(nameof(value), value, \"Not a value of the GraphQL enum {enumModel.GraphQLName}.\"),");
    }

    /// <summary>An expression-bodied member ending in a switch expression: one arm per line, then the discard arm.</summary>
    private void EmitSwitchExpression(string header, IEnumerable<string> arms, string discardArm)
    {
        code.Line(header);
        using (code.Block(closing: "};"))
        {
            foreach (var arm in arms)
            {
                code.Line(arm);
            }

            code.Line(discardArm);
        }
    }

    /// <summary>Statements reading a class's fields (the method has read <c>typename</c> already) and constructing it.</summary>
    private void Construct(ResultClass resultClass)
    {
        foreach (var property in resultClass.Properties.Where(p => p.ResponseName != "__typename"))
        {
            var local = ResultLocal(property);
            var pathExpression = $"path + \".{property.ResponseName}\"";
            if (property.Type.Nullable)
            {
                code.Line($"{TypeOf(property.Type)} {local} = ResponseReader.TryGet(element, \"{property.ResponseName}\", out var {local}Json)")
                    .Line($"    ? {ReadValue(property.Type.AsNullable(false), local + "Json", pathExpression, 0)}")
                    .Line("    : null;");
            }
            else
            {
                code.Line($"var {local} = {ReadValue(property.Type, $"ResponseReader.Required(element, \"{property.ResponseName}\", path)", pathExpression, 0)};");
            }
        }

        code.Line($"return new {resultClass.Name}({string.Join(", ", resultClass.Properties.Select(ResultLocal))});");
    }

    /// <summary>An expression reading a value of <paramref name="type"/> (taken as non-null) from a JSON element.</summary>
    private string ReadValue(TypeUse type, string element, string path, int depth)
    {
        if (type.Item is not null)
        {
            var item = $"item{depth}";
            var itemPath = $"itemPath{depth}";
            var readItem = type.Item.Nullable
                ? $"{item}.ValueKind == JsonValueKind.Null ? default({TypeOf(type.Item)}) : {ReadValue(type.Item.AsNullable(false), item, itemPath, depth + 1)}"
                : ReadValue(type.Item, $"ResponseReader.NonNullItem({item}, {itemPath})", itemPath, depth + 1);
            return $"ResponseReader.ReadList({element}, {path}, static ({item}, {itemPath}) => {readItem})";
        }

        return type.EnumName is not null ? $"{jsonClass}.Read{type.EnumName}({element}, {path})"
            : type.Position is not null ? $"{jsonClass}.Read{type.Position.Name}({element}, {path})"
            : $"ResponseReader.{type.ScalarType!.ReadMethod}({element}, {path})";
    }
}
