using System.Security.Cryptography;
using Diecast.Api.Media;

namespace Diecast.Api.IntegrationTests.Media;

/// <summary>The storage contract, run against each store: PostgreSQL (the default) and S3 (s3rver on 127.0.0.1).</summary>
public abstract class MediaStorageContract
{
    protected abstract IMediaStorage Storage { get; }

    [Fact]
    public async Task A_put_object_reads_back_whole_with_its_type_and_length()
    {
        var key = Key();
        var bytes = RandomNumberGenerator.GetBytes(30_000);
        await Storage.PutAsync(key, new MemoryStream(bytes), "image/webp", CancellationToken.None);

        await using var blob = await Storage.OpenAsync(key, null, null, CancellationToken.None);

        Assert.NotNull(blob);
        Assert.Equal(("image/webp", 30_000L, 0L, 30_000L), (blob.ContentType, blob.TotalLength, blob.From, blob.Length));
        Assert.Equal(bytes, await blob.ReadAllBytesAsync(CancellationToken.None));
        Assert.Equal(30_000L, await Storage.GetLengthAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_range_reads_only_its_bytes_across_chunks_of_a_large_object()
    {
        var key = Key();
        var bytes = RandomNumberGenerator.GetBytes((3 * 1024 * 1024) + 123);
        await Storage.PutAsync(key, new NonSeekableStream(bytes), "video/mp4", CancellationToken.None);

        await using (var middle = await Storage.OpenAsync(key, 1_000_000, 2_500_000, CancellationToken.None))
        {
            Assert.NotNull(middle);
            Assert.Equal((1_000_000L, 1_500_001L, (long)bytes.Length), (middle.From, middle.Length, middle.TotalLength));
            using var read = new MemoryStream();
            await middle.Content.CopyToAsync(read);
            Assert.Equal(bytes[1_000_000..2_500_001], read.ToArray());
        }

        await using (var tail = await Storage.OpenAsync(key, bytes.Length - 10, null, CancellationToken.None))
        {
            Assert.NotNull(tail);
            Assert.Equal(bytes[^10..], await tail.ReadAllBytesAsync(CancellationToken.None));
        }

        await using var whole = await Storage.OpenAsync(key, null, null, CancellationToken.None);
        Assert.NotNull(whole);
        using var all = new MemoryStream();
        await whole.Content.CopyToAsync(all);
        Assert.Equal(bytes, all.ToArray());
    }

    [Fact]
    public async Task Putting_a_key_again_keeps_the_first_bytes_and_deleting_is_idempotent()
    {
        var key = Key();
        await Storage.PutAsync(key, new MemoryStream([1, 2, 3]), "image/png", CancellationToken.None);
        await Storage.PutAsync(key, new MemoryStream([1, 2, 3]), "image/png", CancellationToken.None);
        Assert.Equal(3L, await Storage.GetLengthAsync(key, CancellationToken.None));

        await Storage.DeleteAsync(key, CancellationToken.None);
        await Storage.DeleteAsync(key, CancellationToken.None);

        Assert.Null(await Storage.OpenAsync(key, null, null, CancellationToken.None));
        Assert.Null(await Storage.GetLengthAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task An_absent_key_opens_as_null()
    {
        Assert.Null(await Storage.OpenAsync(Key(), null, null, CancellationToken.None));
        Assert.Null(await Storage.OpenAsync(Key(), 5, 10, CancellationToken.None));
    }

    private static string Key() => "tests/" + Guid.NewGuid().ToString("N");

    /// <summary>An upload stream that cannot seek (the store must cope).</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

public sealed class PostgresMediaStorageTests(ApiFactory api) : MediaStorageContract, IClassFixture<ApiFactory>
{
    protected override IMediaStorage Storage
    {
        get
        {
            var storage = api.Services.GetRequiredService<IMediaStorage>();
            Assert.IsType<PostgresMediaStorage>(storage);
            return storage;
        }
    }
}

public sealed class S3MediaStorageTests(S3MediaStorageTests.S3Api api) : MediaStorageContract, IClassFixture<S3MediaStorageTests.S3Api>
{
    protected override IMediaStorage Storage
    {
        get
        {
            var storage = api.Services.GetRequiredService<IMediaStorage>();
            Assert.IsType<S3MediaStorage>(storage);
            return storage;
        }
    }

    /// <summary>The API with Media__Storage=s3 against s3rver.</summary>
    public sealed class S3Api : ApiFactory, IAsyncLifetime
    {
        public S3rverServer S3 { get; } = new();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await S3.InitializeAsync();
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (name, value) in S3.Settings)
            {
                builder.UseSetting(name, value);
            }
        }

        public new async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await S3.DisposeAsync();
        }
    }
}
