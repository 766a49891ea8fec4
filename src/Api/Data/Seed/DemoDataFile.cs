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

    /// <summary>The rows of <paramref name="fileName"/> in the DemoData folder beside <typeparamref name="TFeature"/>.</summary>
    public static async Task<List<TRow>> ReadAsync<TFeature, TRow>(string fileName, CancellationToken cancellationToken)
    {
        var resource = $"{typeof(TFeature).Namespace}.DemoData.{fileName}";
        await using var stream = typeof(TFeature).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The seed file {resource} is not embedded.");
        return await JsonSerializer.DeserializeAsync<List<TRow>>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidOperationException($"The seed file {resource} is empty.");
    }
}
