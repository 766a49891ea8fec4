using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diecast.Api.Payments.Razorpay;

// Razorpay's JSON as it is on the wire: snake_case, amounts in paise (long), times in unix seconds. Internal: the rest
// of the shop sees the rupee records of RazorpayModels, converted here and nowhere else.

// Optional fields have defaults: with RespectRequiredConstructorParameters a parameter without one must be present.
internal sealed record WireOrder(
    string Id,
    long Amount,
    string Currency,
    string Status,
    long CreatedAt,
    long AmountPaid = 0,
    long? AmountDue = null,
    string? Receipt = null,
    int? Attempts = null,
    [property: JsonConverter(typeof(RazorpayNotesConverter))] IReadOnlyDictionary<string, string>? Notes = null)
{
    public RazorpayOrder ToOrder() => new(
        Id, RazorpayAmounts.FromPaise(Amount), RazorpayAmounts.FromPaise(AmountPaid), Currency, Receipt, Status, Notes ?? RazorpayWire.NoNotes, RazorpayWire.Time(CreatedAt));
}

internal sealed record WirePayment(
    string Id,
    long Amount,
    string Currency,
    string Status,
    long CreatedAt,
    string? OrderId = null,
    string? Method = null,
    long? AmountRefunded = null,
    bool? Captured = null,
    string? Email = null,
    string? Contact = null,
    string? ErrorCode = null,
    string? ErrorDescription = null,
    string? ErrorSource = null,
    string? ErrorStep = null,
    string? ErrorReason = null,
    [property: JsonConverter(typeof(RazorpayNotesConverter))] IReadOnlyDictionary<string, string>? Notes = null)
{
    public RazorpayPayment ToPayment() => new(
        Id,
        OrderId,
        RazorpayAmounts.FromPaise(Amount),
        Currency,
        Status,
        Method,
        RazorpayAmounts.FromPaise(AmountRefunded ?? 0),
        // The card variant of payment.captured sends "" where others send null (razorpay.md §1 "Field quirks").
        string.IsNullOrEmpty(ErrorCode) ? null : ErrorCode,
        string.IsNullOrEmpty(ErrorDescription) ? null : ErrorDescription,
        Notes ?? RazorpayWire.NoNotes,
        RazorpayWire.Time(CreatedAt))
    {
        Captured = Captured,
    };
}

internal sealed record WireRefund(
    string Id,
    string PaymentId,
    long Amount,
    string Currency,
    string Status,
    long CreatedAt,
    string? SpeedRequested = null,
    string? Receipt = null,
    [property: JsonConverter(typeof(RazorpayNotesConverter))] IReadOnlyDictionary<string, string>? Notes = null)
{
    public RazorpayRefund ToRefund() => new(Id, PaymentId, RazorpayAmounts.FromPaise(Amount), Currency, Status, Notes ?? RazorpayWire.NoNotes);
}

internal sealed record WireCollection<T>(IReadOnlyList<T> Items, string? Entity = null, int Count = 0);

internal sealed record WireErrorBody(WireError? Error = null);

internal sealed record WireError(
    string? Code = null, string? Description = null, string? Field = null, string? Source = null, string? Step = null, string? Reason = null);

internal sealed record WireEntity<T>(T Entity);

internal sealed record WirePayload(WireEntity<WirePayment>? Payment = null, WireEntity<WireOrder>? Order = null, WireEntity<WireRefund>? Refund = null);

internal sealed record WireEvent(string Event, long CreatedAt, string? AccountId = null, IReadOnlyList<string>? Contains = null, WirePayload? Payload = null);

// Requests.
internal sealed record WireCaptureOptions(int AutomaticExpiryPeriod, int ManualExpiryPeriod, string RefundSpeed);

internal sealed record WireOrderPaymentOptions(string Capture, WireCaptureOptions CaptureOptions);

internal sealed record WireOrderRequest(long Amount, string Currency, string Receipt, IReadOnlyDictionary<string, string> Notes, WireOrderPaymentOptions? Payment);

internal sealed record WireCaptureRequest(long Amount, string Currency);

internal sealed record WireRefundRequest(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Amount,
    string Speed,
    IReadOnlyDictionary<string, string> Notes);

internal static class RazorpayWire
{
    public static readonly IReadOnlyDictionary<string, string> NoNotes = new Dictionary<string, string>();

    /// <summary>
    /// snake_case; unknown fields ignored (Razorpay adds fields: api/understand.md "Versioning"); a missing id, amount or
    /// status fails instead of becoming null or 0.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static DateTimeOffset Time(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
}

/// <summary>
/// Reads <c>notes</c> leniently: an object of strings, the empty array <c>[]</c> Razorpay sends when there are none
/// (razorpay.md §1 "Field quirks"), or null; a number or boolean value is kept as its JSON text. Writes an object.
/// </summary>
internal sealed class RazorpayNotesConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override bool HandleNull => true;

    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return RazorpayWire.NoNotes;
            case JsonTokenType.StartArray:
                // Razorpay's empty notes; an array with items is not notes at all, so it is skipped rather than refused.
                reader.Skip();
                return RazorpayWire.NoNotes;
            case JsonTokenType.StartObject:
                var notes = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    notes[name] = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString()!,
                        JsonTokenType.Null => "",
                        JsonTokenType.StartObject or JsonTokenType.StartArray => RawAndSkip(ref reader),
                        _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    };
                }

                return notes;
            default:
                throw new JsonException($"notes must be an object or an array, not {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }

    private static string RawAndSkip(ref Utf8JsonReader reader)
    {
        using var element = JsonDocument.ParseValue(ref reader);
        return element.RootElement.GetRawText();
    }
}
