using Diecast.Api.Media;

namespace Diecast.Api.IntegrationTests.Media;

/// <summary>Helpers the media tests share: storing an original through the intake, hosts with other media settings.</summary>
public static class MediaApi
{
    public static async Task<MediaFile> IngestAsync(this WebApplicationFactory<Program> api, byte[] bytes, string name = "picture.jpg")
    {
        ArgumentNullException.ThrowIfNull(api);
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MediaIntake>().IngestImageAsync(new TestFile(bytes, name), CancellationToken.None);
    }

    public static async Task<MediaFile> IngestVideoAsync(this WebApplicationFactory<Program> api, byte[] bytes, string name = "clip.mp4")
    {
        ArgumentNullException.ThrowIfNull(api);
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MediaIntake>().IngestVideoAsync(new TestFile(bytes, name), CancellationToken.None);
    }

    /// <summary>Another instance of the API (its own singletons: encode slots, memory cache, counters) on the same database.</summary>
    public static WebApplicationFactory<Program> With(this WebApplicationFactory<Program> api, params (string Name, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.WithWebHostBuilder(builder =>
        {
            foreach (var (name, value) in settings)
            {
                builder.UseSetting(name, value);
            }
        });
    }

    public static long Encodes(this WebApplicationFactory<Program> api) => api.Services.GetRequiredService<MediaVariants>().EncodeCount;

    public static HttpRequestMessage Get(string url, string? accept = null, string? ifNoneMatch = null, string? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return request;
    }
}
