using Diecast.Api.Media;

namespace Diecast.Api.IntegrationTests.Media;

/// <summary>Videos are served with byte ranges, so a browser can seek: 206 with Content-Range, 416 past the end.</summary>
public sealed class MediaVideoEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_whole_video_comes_with_its_type_accept_ranges_a_strong_etag_and_immutable_caching()
    {
        var bytes = MediaTestFiles.Mp4(2_500_000);
        var file = await api.IngestVideoAsync(bytes);
        var url = api.Services.GetRequiredService<MediaUrls>().Video(file);
        using var client = api.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith(".mp4", url, StringComparison.Ordinal);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());

        using var notModified = await client.SendAsync(MediaApi.Get(url, ifNoneMatch: response.Headers.ETag.Tag));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("bytes=100-199", 2061, 100, 199)]
    [InlineData("bytes=1048570-1048600", 2_000_000, 1048570, 1048600)]
    [InlineData("bytes=-50", 2061, 2031, 2080)]
    [InlineData("bytes=2000-", 2061, 2000, 2080)]
    [InlineData("bytes=2000-999999", 2061, 2000, 2080)]
    public async Task A_range_is_a_206_with_exactly_its_bytes_and_content_range(string range, int payload, long from, long to)
    {
        // A WebM header is 20 bytes: 2061 bytes of payload make 2081 in all. The second range lies past the PostgreSQL store's first 1 MiB chunk.
        var bytes = MediaTestFiles.Webm(payload);
        var file = await api.IngestVideoAsync(bytes, "clip.webm");
        var url = api.Services.GetRequiredService<MediaUrls>().Video(file);
        using var client = api.CreateClient();

        using var response = await client.SendAsync(MediaApi.Get(url, range: range));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {from}-{to}/{bytes.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal("video/webm", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes[(int)from..((int)to + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=5000-")]
    [InlineData("bytes=-0")]
    public async Task A_range_past_the_end_is_a_416_naming_the_length(string range)
    {
        var bytes = MediaTestFiles.Mp4(1000);
        var file = await api.IngestVideoAsync(bytes);
        using var client = api.CreateClient();

        using var response = await client.SendAsync(MediaApi.Get(api.Services.GetRequiredService<MediaUrls>().Video(file), range: range));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{bytes.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Several_ranges_a_stale_if_range_or_a_malformed_range_get_the_whole_video()
    {
        var bytes = MediaTestFiles.Mp4(1500);
        var file = await api.IngestVideoAsync(bytes);
        var url = api.Services.GetRequiredService<MediaUrls>().Video(file);
        using var client = api.CreateClient();

        foreach (var (range, ifRange) in new[] { ("bytes=0-1,5-6", (string?)null), ("bytes=0-9", "\"stale\""), ("pages=1-2", null), ("bytes=9-3", null) })
        {
            using var request = MediaApi.Get(url, range: range);
            if (ifRange is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Range", ifRange);
            }

            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_wrong_content_address_or_an_image_id_is_a_404()
    {
        var video = await api.IngestVideoAsync(MediaTestFiles.Mp4(700));
        var image = await api.IngestAsync(MediaTestFiles.Jpeg(100, 100, shade: 40));
        using var client = api.CreateClient();

        using var wrong = await client.GetAsync($"/media/videos/{video.Id}/{MediaUrls.Address(image)}.mp4");
        using var notVideo = await client.GetAsync($"/media/videos/{image.Id}/{MediaUrls.Address(image)}.mp4");

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notVideo.StatusCode);
    }
}
