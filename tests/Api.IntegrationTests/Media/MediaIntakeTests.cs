using Diecast.Api.Media;

namespace Diecast.Api.IntegrationTests.Media;

/// <summary>What is stored is what was checked: formats from the bytes, hostile files refused, metadata gone, orientation applied.</summary>
public sealed class MediaIntakeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("png", "image/png")]
    [InlineData("webp", "image/webp")]
    [InlineData("avif", "image/avif")]
    public async Task Each_accepted_format_is_stored_in_its_own_format_with_its_size_and_content_address(string format, string contentType)
    {
        var bytes = format switch
        {
            "jpeg" => MediaTestFiles.Jpeg(320, 240, shade: 1),
            "png" => MediaTestFiles.Png(320, 240, shade: 2),
            "webp" => MediaTestFiles.Webp(320, 240, shade: 3),
            _ => MediaTestFiles.Avif(320, 240, shade: 4),
        };

        // The name and the client's type lie; the bytes decide.
        var file = await IngestAsync(new TestFile(bytes, "picture.gif", "image/gif"));

        Assert.Equal((MediaKind.Image, format, contentType, 320, 240), (file.Kind, file.Format, file.ContentType, file.Width!.Value, file.Height!.Value));
        var stored = await StoredAsync(file);
        Assert.Equal(file.ByteLength, stored.Length);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)));
        Assert.Equal("originals/" + file.Sha256, file.StorageKey);
        using var decoded = NetVips.Image.NewFromBuffer(stored);
        Assert.Equal((320, 240), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task A_phone_picture_loses_its_exif_gps_xmp_and_orientation_tag_and_is_turned_upright()
    {
        var upload = MediaTestFiles.PhoneJpeg(shade: 5);
        using (var before = NetVips.Image.NewFromBuffer(upload))
        {
            // The test file really carries what must go.
            Assert.True(before.Contains("exif-data"));
            Assert.True(before.Contains("xmp-data"));
            Assert.Equal(6, (int)before.Get("orientation"));
            Assert.Contains("Rahul", System.Text.Encoding.ASCII.GetString(upload), StringComparison.Ordinal);
        }

        var file = await IngestAsync(new TestFile(upload, "IMG_0001.jpg", "image/jpeg"));
        var stored = await StoredAsync(file);

        // Turned upright: 300×200 landscape with orientation 6 is a 200×300 portrait, the red half on top.
        Assert.Equal((200, 300), (file.Width!.Value, file.Height!.Value));
        using var after = NetVips.Image.NewFromBuffer(stored);
        Assert.Equal((200, 300), (after.Width, after.Height));
        Assert.True(after.Getpoint(100, 40)[0] > 150, "the top is red");
        Assert.True(after.Getpoint(100, 260)[2] > 150, "the bottom is blue");
        // Gone: no EXIF (so no GPS), no XMP, no ICC, no orientation, and not a byte of the owner's name.
        var fields = after.GetFields();
        Assert.DoesNotContain(fields, f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data" or "icc-profile-data");
        Assert.False(after.Contains("orientation") && (int)after.Get("orientation") != 1);
        var text = System.Text.Encoding.ASCII.GetString(stored);
        Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Rahul", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bengaluru", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, 3024, 4032)]
    [InlineData(8, 3024, 4032)]
    [InlineData(3, 4032, 3024)]
    public async Task A_camera_sized_photo_with_any_rotation_is_accepted_and_turned_upright(int orientation, int uprightWidth, int uprightHeight)
    {
        // A phone's full-size photo: turning it reads the pixels out of order, far past what a sequential read buffers.
        var file = await IngestAsync(new TestFile(MediaTestFiles.PhoneJpeg(4032, 3024, orientation, shade: 40 + orientation), "IMG_4032.jpg", "image/jpeg"));

        Assert.Equal((uprightWidth, uprightHeight), (file.Width!.Value, file.Height!.Value));
        using var stored = NetVips.Image.NewFromBuffer(await StoredAsync(file));
        Assert.Equal((uprightWidth, uprightHeight), (stored.Width, stored.Height));
        Assert.False(stored.Contains("orientation") && (int)stored.Get("orientation") != 1);
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "svg-with-script", "car.svg", MediaRejectedException.FormatUnsupported },
        { "html-as-png", "car.png", MediaRejectedException.FormatUnsupported },
        { "html-as-jpg", "car.jpg", MediaRejectedException.FormatUnsupported },
        { "gif", "car.gif", MediaRejectedException.FormatUnsupported },
        { "truncated-jpeg", "car.jpg", MediaRejectedException.Undecodable },
        { "jpeg-magic-then-garbage", "car.jpg", MediaRejectedException.Undecodable },
        { "png-bomb", "car.png", MediaRejectedException.TooManyPixels },
        { "empty", "car.jpg", MediaRejectedException.Empty },
        { "mp4-as-image", "car.jpg", MediaRejectedException.FormatUnsupported },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_hostile_or_broken_image_is_refused_with_its_code_and_nothing_is_stored(string kind, string name, string code)
    {
        var jpeg = MediaTestFiles.Jpeg(600, 400, shade: 6);
        var bytes = kind switch
        {
            "svg-with-script" => MediaTestFiles.SvgWithScript(),
            "html-as-png" or "html-as-jpg" => MediaTestFiles.Html(),
            "gif" => MediaTestFiles.Gif(),
            "truncated-jpeg" => jpeg[..(jpeg.Length / 2)],
            "jpeg-magic-then-garbage" => [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[500]],
            "png-bomb" => MediaTestFiles.PngBomb(),
            "empty" => [],
            _ => MediaTestFiles.Mp4(),
        };
        var before = await CountAsync();

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => IngestAsync(new TestFile(bytes, name, "image/png")));

        Assert.Equal(code, refused.Code);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_bomb_is_refused_from_its_header_without_decoding_its_900_million_pixels()
    {
        var bomb = MediaTestFiles.PngBomb();
        Assert.True(bomb.Length < 1000);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => IngestAsync(new TestFile(bomb, "tiny.png")));
        Assert.Contains("30000×30000", refused.Message, StringComparison.Ordinal);
        // Decoding 900 MB of pixels takes seconds and as much memory; reading a header takes milliseconds.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task An_image_over_the_byte_limit_is_refused_before_it_is_read()
    {
        var huge = new TestFile(new byte[21 * 1024 * 1024], "big.jpg");
        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => IngestAsync(huge));
        Assert.Equal(MediaRejectedException.TooLarge, refused.Code);
    }

    [Fact]
    public async Task The_same_bytes_twice_are_one_file_and_an_upload_brings_an_orphan_back()
    {
        var bytes = MediaTestFiles.Png(64, 48, shade: 7);
        var first = await IngestAsync(new TestFile(bytes, "a.png"));
        await TestSql.ExecuteAsync(api.ConnectionString, $"UPDATE media_files SET orphaned_at = now() WHERE id = '{first.Id}'");

        var second = await IngestAsync(new TestFile(bytes, "b.png"));

        Assert.Equal(first.Id, second.Id);
        Assert.Null(second.OrphanedAt);
        Assert.Equal(1, await TestSql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM media_files WHERE sha256 = '{first.Sha256}'"));
    }

    [Fact]
    public async Task Mp4_and_webm_are_accepted_by_their_container_signature_and_stored_as_sent()
    {
        var mp4 = MediaTestFiles.Mp4(5000);
        var webm = MediaTestFiles.Webm(4000);
        await using var scope = api.Services.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<MediaIntake>();

        var storedMp4 = await intake.IngestVideoAsync(new TestFile(mp4, "clip.mov", "application/octet-stream"), CancellationToken.None);
        var storedWebm = await intake.IngestVideoAsync(new TestFile(webm, "clip.mp4", "video/mp4"), CancellationToken.None);

        Assert.Equal((MediaKind.Video, "mp4", "video/mp4", (int?)null), (storedMp4.Kind, storedMp4.Format, storedMp4.ContentType, storedMp4.Width));
        Assert.Equal(("webm", "video/webm"), (storedWebm.Format, storedWebm.ContentType));
        Assert.Equal(mp4, await StoredAsync(storedMp4));
        Assert.Equal(webm, await StoredAsync(storedWebm));
    }

    [Theory]
    [InlineData("matroska")]
    [InlineData("avif")]
    [InlineData("html")]
    public async Task A_file_that_is_not_mp4_or_webm_is_refused_as_a_video(string kind)
    {
        var bytes = kind switch
        {
            "matroska" => MediaTestFiles.Webm(100, docType: "matroska"),
            "avif" => MediaTestFiles.Avif(64, 64, shade: 8),
            _ => MediaTestFiles.Html(),
        };
        await using var scope = api.Services.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<MediaIntake>();

        var refused = await Assert.ThrowsAsync<MediaRejectedException>(() => intake.IngestVideoAsync(new TestFile(bytes, "clip.mp4", "video/mp4"), CancellationToken.None));

        Assert.Equal(MediaRejectedException.FormatUnsupported, refused.Code);
    }

    private async Task<MediaFile> IngestAsync(TestFile file)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MediaIntake>().IngestImageAsync(file, CancellationToken.None);
    }

    private async Task<byte[]> StoredAsync(MediaFile file)
    {
        await using var blob = await api.Services.GetRequiredService<IMediaStorage>().OpenAsync(file.StorageKey, null, null, CancellationToken.None);
        Assert.NotNull(blob);
        return await blob.ReadAllBytesAsync(CancellationToken.None);
    }

    private Task<long> CountAsync() => TestSql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM media_files");
}
