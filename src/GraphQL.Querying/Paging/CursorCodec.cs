using System.Globalization;
using System.Text.Json;
using SortKey = Diecast.GraphQL.Querying.Sorting.SortKey;
using SortDirection = Diecast.GraphQL.Querying.Sorting.SortDirection;

namespace Diecast.GraphQL.Querying.Paging;

/// <summary>
/// Keyset cursors: the values of every sort key of a row (the primary key last), tagged with the ordering they
/// belong to, protected by <see cref="ICursorProtector"/>. A cursor is only valid for the ordering that issued it.
/// </summary>
public sealed class CursorCodec(ICursorProtector protector)
{
    public string Encode(IReadOnlyList<SortKey> keys, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(Signature(keys));
            foreach (var value in values)
            {
                WriteValue(writer, value);
            }

            writer.WriteEndArray();
        }

        return protector.Protect(buffer.WrittenSpan.ToArray());
    }

    /// <summary>The key values a cursor carries, converted to the keys' types; throws HC0078 when it is not ours.</summary>
    public object?[] Decode(string cursor, IReadOnlyList<SortKey> keys, string argument)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (cursor.Length <= 2048 && protector.TryUnprotect(cursor, out var payload))
        {
            try
            {
                using var document = JsonDocument.Parse(payload);
                var items = document.RootElement.EnumerateArray().ToList();
                if (items.Count == keys.Count + 1 && items[0].GetString() == Signature(keys))
                {
                    return [.. keys.Select((key, i) => ReadValue(items[i + 1], key.Type))];
                }
            }
            catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException)
            {
                // Falls through to the error below: a protected payload we cannot read is as bad as a forged one.
            }
        }

        throw new QueryArgumentError("HC0078", $"The cursor specified in `{argument}` has an invalid format.", new()
        {
            ["argument"] = argument,
            ["cursor"] = cursor.Length <= 256 ? cursor : cursor[..256],
        });
    }

    private static string Signature(IReadOnlyList<SortKey> keys) =>
        string.Join('|', keys.Select(k => $"{k.Name}:{(k.Direction == SortDirection.Ascending ? "a" : "d")}"));

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case DateTime dateTime:
                writer.WriteStringValue(dateTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case Enum enumValue:
                writer.WriteStringValue(enumValue.ToString());
                break;
            case IFormattable formattable:
                // Exact text for every number: decimals keep their paise, doubles round-trip.
                writer.WriteStringValue(formattable.ToString(value is double or float ? "R" : null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static object? ReadValue(JsonElement element, Type type)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return Nullable.GetUnderlyingType(type) is not null || !type.IsValueType ? null : throw new FormatException("null for a non-null key");
        }

        var text = element.GetString()!;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => text,
            _ when underlying == typeof(DateTime) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            _ when underlying == typeof(DateTimeOffset) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
            _ when underlying == typeof(Guid) => Guid.Parse(text, CultureInfo.InvariantCulture),
            _ when underlying.IsEnum => Enum.Parse(underlying, text),
            _ => Convert.ChangeType(text, underlying, CultureInfo.InvariantCulture),
        };
    }
}
