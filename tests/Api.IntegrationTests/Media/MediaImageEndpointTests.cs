using Diecast.Api.Media;

namespace Diecast.Api.IntegrationTests.Media;

/// <summary>The image endpoint as next/image's optimizer behaves: allowed widths, Accept negotiation, ETags, immutable caching, encodes once.</summary>
public sealed class MediaImageEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Chrome = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
    private const string OldSafari = "image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5";
    private const string Curl = "*/*";

    [Theory]
    [InlineData(Chrome, true, "image/avif", "heifload")]
    [InlineData(Chrome, false, "image/webp", "webpload")]
    [InlineData(OldSafari, true, "image/webp", "webpload")]
    [InlineData(Curl, true, "image/jpeg", "jpegload")]
    [InlineData("image/avif;q=0, image/webp", true, "image/webp", "webpload")]
    public async Task The_format_is_the_best_the_accept_header_allows_at_the_asked_width(string accept, bool avif, string contentType, string loader)
    {
        // AVIF is off by default (its cold encode is slow: README "The AVIF decision"); Media__Avif turns it on.
        await using var instance = api.With(("Media:Avif", avif ? "true" : "false"));
        var file = await instance.IngestAsync(MediaTestFiles.Jpeg(1000, 600, shade: avif ? 20 : 19));
        var urls = instance.Services.GetRequiredService<MediaUrls>();
        using var client = instance.CreateClient();

        using var response = await client.SendAsync(MediaApi.Get(urls.Image(file, 640), accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.False(response.Headers.ETag!.IsWeak);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var image = NetVips.Image.NewFromBuffer(bytes);
        Assert.StartsWith(loader, (string)image.Get("vips-loader"), StringComparison.Ordinal);
        Assert.Equal((640, 384), (image.Width, image.Height));
    }

    [Fact]
    public async Task Each_format_and_quality_has_its_own_strong_etag_and_a_matching_if_none_match_is_a_304()
    {
        var file = await api.IngestAsync(MediaTestFiles.Png(500, 300, shade: 21));
        var urls = api.Services.GetRequiredService<MediaUrls>();
        using var client = api.CreateClient();

        using var webp = await client.SendAsync(MediaApi.Get(urls.Image(file, 256), OldSafari));
        using var jpeg = await client.SendAsync(MediaApi.Get(urls.Image(file, 256), Curl));
        using var webpBetter = await client.SendAsync(MediaApi.Get(urls.Image(file, 256, 90), OldSafari));
        var etags = new[] { webp, jpeg, webpBetter }.Select(r => r.Headers.ETag!.Tag).ToList();
        Assert.Equal(3, etags.Distinct().Count());

        using var notModified = await client.SendAsync(MediaApi.Get(urls.Image(file, 256), OldSafari, ifNoneMatch: etags[0]));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etags[0], notModified.Headers.ETag!.Tag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        // The JPEG's tag does not validate the WebP.
        using var other = await client.SendAsync(MediaApi.Get(urls.Image(file, 256), OldSafari, ifNoneMatch: etags[1]));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_png_with_transparency_keeps_it_in_webp_and_is_flattened_on_white_in_jpeg()
    {
        var file = await api.IngestAsync(MediaTestFiles.Png(400, 200, shade: 22, alpha: true), "cut-out.png");
        var urls = api.Services.GetRequiredService<MediaUrls>();
        using var client = api.CreateClient();

        using var webp = await client.SendAsync(MediaApi.Get(urls.Image(file, 128), OldSafari));
        using var jpeg = await client.SendAsync(MediaApi.Get(urls.Image(file, 128), Curl));

        using var webpImage = NetVips.Image.NewFromBuffer(await webp.Content.ReadAsByteArrayAsync());
        using var jpegImage = NetVips.Image.NewFromBuffer(await jpeg.Content.ReadAsByteArrayAsync());
        Assert.True(webpImage.HasAlpha());
        Assert.False(jpegImage.HasAlpha());
        // Half-transparent red on white is light red.
        Assert.True(jpegImage.Getpoint(10, 10)[1] > 100, "flattened onto white");
    }

    [Theory]
    [InlineData("?w=500", "MEDIA_WIDTH_NOT_ALLOWED")]
    [InlineData("?w=641", "MEDIA_WIDTH_NOT_ALLOWED")]
    [InlineData("?w=100000", "MEDIA_WIDTH_NOT_ALLOWED")]
    [InlineData("?w=-640", "MEDIA_WIDTH_NOT_ALLOWED")]
    [InlineData("", "MEDIA_WIDTH_NOT_ALLOWED")]
    [InlineData("?w=640&q=80", "MEDIA_QUALITY_NOT_ALLOWED")]
    [InlineData("?w=640&q=", "MEDIA_QUALITY_NOT_ALLOWED")]
    public async Task A_width_or_quality_outside_the_lists_is_a_400_problem_naming_the_allowed_values(string query, string code)
    {
        var file = await api.IngestAsync(MediaTestFiles.Jpeg(300, 200, shade: 23));
        using var client = api.CreateClient();

        using var response = await client.GetAsync($"/media/images/{file.Id}/{MediaUrls.Address(file)}{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(code.Contains("WIDTH", StringComparison.Ordinal) ? "640, 750, 828" : "50, 75, 90", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_a_wrong_content_address_or_a_video_is_a_404_so_an_old_url_never_shows_new_bytes()
    {
        var file = await api.IngestAsync(MediaTestFiles.Jpeg(300, 200, shade: 24));
        var video = await api.IngestVideoAsync(MediaTestFiles.Mp4(100));
        var other = await api.IngestAsync(MediaTestFiles.Jpeg(300, 200, shade: 25));
        using var client = api.CreateClient();

        string[] urls =
        [
            $"/media/images/{Guid.NewGuid()}/{MediaUrls.Address(file)}?w=256",
            $"/media/images/{file.Id}/{MediaUrls.Address(other)}?w=256",
            $"/media/images/{file.Id}/{MediaUrls.Address(file).ToUpperInvariant()}?w=256",
            $"/media/images/{file.Id}/{file.Sha256[..8]}?w=256",
            $"/media/images/not-a-guid/{MediaUrls.Address(file)}?w=256",
            $"/media/images/{video.Id}/{MediaUrls.Address(video)}?w=256",
        ];
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("MEDIA_NOT_FOUND", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
            Assert.Null(response.Headers.CacheControl?.MaxAge);
        }
    }

    [Fact]
    public async Task A_width_above_the_originals_is_served_at_the_originals_width_never_upscaled_and_shares_its_variant()
    {
        var file = await api.IngestAsync(MediaTestFiles.Jpeg(1000, 500, shade: 26));
        var urls = api.Services.GetRequiredService<MediaUrls>();
        using var client = api.CreateClient();

        using var at1080 = await client.SendAsync(MediaApi.Get(urls.Image(file, 1080), Curl));
        var encodes = api.Encodes();
        using var at3840 = await client.SendAsync(MediaApi.Get(urls.Image(file, 3840), Curl));

        using var image = NetVips.Image.NewFromBuffer(await at3840.Content.ReadAsByteArrayAsync());
        Assert.Equal((1000, 500), (image.Width, image.Height));
        Assert.Equal(at1080.Headers.ETag, at3840.Headers.ETag);
        Assert.Equal(encodes, api.Encodes());
        Assert.Equal(1, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_variants WHERE media_file_id = '{file.Id}'"));
        Assert.EndsWith("?w=1080 1000w", urls.SrcSet(file), StringComparison.Ordinal);
        Assert.Contains("?w=828 828w, ", urls.SrcSet(file), StringComparison.Ordinal);
        Assert.StartsWith($"/media/images/{file.Id}/{file.Sha256[..16]}?w=16 16w, ", urls.SrcSet(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_original_exactly_an_allowed_width_wide_ends_its_srcset_at_that_width_once()
    {
        var file = await api.IngestAsync(MediaTestFiles.Jpeg(1200, 900, shade: 27));
        var srcSet = api.Services.GetRequiredService<MediaUrls>().SrcSet(file);

        var descriptors = srcSet.Split(", ").Select(candidate => candidate[(candidate.LastIndexOf(' ') + 1)..]).ToList();
        Assert.Equal(descriptors.Count, descriptors.Distinct().Count());
        Assert.EndsWith("?w=1200 1200w", srcSet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_request_answers_the_get_headers_without_the_bytes()
    {
        var file = await api.IngestAsync(MediaTestFiles.Png(400, 300, shade: 28));
        var url = api.Services.GetRequiredService<MediaUrls>().Image(file, 256);
        using var client = api.CreateClient();

        using var get = await client.SendAsync(MediaApi.Get(url, OldSafari));
        using var headRequest = MediaApi.Get(url, OldSafari);
        headRequest.Method = HttpMethod.Head;
        using var head = await client.SendAsync(headRequest);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
        Assert.Equal("nosniff", Assert.Single(get.Headers.GetValues("X-Content-Type-Options")));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_second_request_reads_the_stored_variant_and_never_encodes_again()
    {
        // No memory cache, so the second request goes to the store.
        await using var instance = api.With(("Media:MemoryCacheBytes", "0"));
        var file = await instance.IngestAsync(MediaTestFiles.Jpeg(800, 400, shade: 27));
        var url = instance.Services.GetRequiredService<MediaUrls>().Image(file, 384);
        using var client = instance.CreateClient();

        using var first = await client.SendAsync(MediaApi.Get(url, OldSafari));
        Assert.Equal(1, instance.Encodes());
        using var second = await client.SendAsync(MediaApi.Get(url, OldSafari));

        Assert.Equal(1, instance.Encodes());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Two_api_instances_asked_for_the_same_new_variant_at_once_encode_it_once_and_serve_the_same_bytes()
    {
        await using var one = api.With(("Media:MemoryCacheBytes", "0"));
        await using var secondFactory = new ApiFactory();
        await secondFactory.UseDatabaseAsync(api.ConnectionString);
        await using var two = secondFactory.With(("Media:MemoryCacheBytes", "0"));
        var file = await one.IngestAsync(MediaTestFiles.Jpeg(1600, 900, shade: 28));
        var url = one.Services.GetRequiredService<MediaUrls>().Image(file, 1200);
        using var clientOne = one.CreateClient();
        using var clientTwo = two.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? clientOne : clientTwo).SendAsync(MediaApi.Get(url, OldSafari));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (Bytes: await response.Content.ReadAsByteArrayAsync(), ETag: response.Headers.ETag!.Tag);
        }));

        Assert.Equal(1, one.Encodes() + two.Encodes());
        Assert.Single(responses.Select(r => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(r.Bytes))).Distinct());
        Assert.Single(responses.Select(r => r.ETag).Distinct());
        Assert.Equal(1, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_variants WHERE media_file_id = '{file.Id}'"));
    }

    [Fact]
    public async Task When_every_encode_slot_stays_busy_a_first_request_is_a_503_with_retry_after_and_nothing_is_stored()
    {
        await using var instance = api.With(("Media:MaxConcurrentEncodes", "1"), ("Media:EncodeQueueTimeoutSeconds", "1"));
        var file = await instance.IngestAsync(MediaTestFiles.Jpeg(600, 300, shade: 29));
        var url = instance.Services.GetRequiredService<MediaUrls>().Image(file, 256);
        using var client = instance.CreateClient();
        var imaging = instance.Services.GetRequiredService<MediaImaging>();

        using (var held = await imaging.EnterAsync(CancellationToken.None))
        {
            Assert.NotNull(held);
            using var busy = await client.SendAsync(MediaApi.Get(url, Curl));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
            Assert.Null(busy.Headers.CacheControl?.MaxAge);
            Assert.Equal("MEDIA_BUSY", JsonDocument.Parse(await busy.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(0, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_variants WHERE media_file_id = '{file.Id}'"));
        using var served = await client.SendAsync(MediaApi.Get(url, Curl));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
