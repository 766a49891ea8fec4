using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diecast.Api.Data.Seed;

/// <summary>A feature's demo data file, <c>DemoData/NAME.json</c> in its folder, embedded in the assembly.</summary>
public static class DemoDataFile
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The rows of <paramref name="fileName"/> in the DemoData folder beside <paramref name="feature"/>.</summary>
    public static async Task<List<TRow>> ReadAsync<TRow>(Type feature, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var resource = $"{feature.Namespace}.DemoData.{fileName}";
        await using var stream = feature.Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The seed file {resource} is not embedded.");
        return await JsonSerializer.DeserializeAsync<List<TRow>>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidOperationException($"The seed file {resource} is empty.");
    }
}
