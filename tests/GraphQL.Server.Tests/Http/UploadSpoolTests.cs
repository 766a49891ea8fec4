using System.Security.Cryptography;
using Diecast.GraphQL.Server.Http;

namespace Diecast.GraphQL.Server.Tests.Http;

/// <summary>
/// Where uploads wait while the request runs: small files in memory, larger ones in a temporary file that has no name
/// on disk and is closed (so gone) when the request ends; every stream reads the whole file from its own position.
/// </summary>
// Counts this process's open upload files, so no other upload test may run at the same time.
[Collection("Uploads")]
public sealed class UploadSpoolTests
{
    private const int MemoryBufferBytes = 64 * 1024;

    [Fact]
    public async Task A_small_file_stays_in_memory_and_opens_no_file()
    {
        var before = OpenUploadFiles();
        await using var spool = new UploadSpool(MemoryBufferBytes);
        var bytes = RandomNumberGenerator.GetBytes(MemoryBufferBytes);

        var file = await spool.AddAsync(new MemoryStream(bytes), "small.bin", "image/png", long.MaxValue, () => new InvalidOperationException(), default);

        Assert.Equal(bytes, await ReadAllAsync(file));
        Assert.Equal(before, OpenUploadFiles());
    }

    [Fact]
    public async Task A_larger_file_is_kept_in_a_temporary_file_without_a_name_until_the_spool_is_disposed()
    {
        var before = OpenUploadFiles();
        var spool = new UploadSpool(MemoryBufferBytes);
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

        var file = await spool.AddAsync(new MemoryStream(bytes), "big.bin", null, long.MaxValue, () => new InvalidOperationException(), default);

        Assert.Equal(bytes.Length, file.Length);
        Assert.Equal(bytes, await ReadAllAsync(file));
        Assert.Equal(before + 1, OpenUploadFiles());
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "graphql-upload-*"));

        await spool.DisposeAsync();
        Assert.Equal(before, OpenUploadFiles());
    }

    [Fact]
    public async Task Two_streams_over_one_file_read_independently()
    {
        await using var spool = new UploadSpool(16);
        var bytes = RandomNumberGenerator.GetBytes(1000);
        var file = await spool.AddAsync(new MemoryStream(bytes), "f", null, long.MaxValue, () => new InvalidOperationException(), default);

        await using var first = file.OpenReadStream();
        await using var second = file.OpenReadStream();
        var head = new byte[100];
        await first.ReadExactlyAsync(head);
        var all = new MemoryStream();
        await second.CopyToAsync(all);
        var rest = new MemoryStream();
        await first.CopyToAsync(rest);

        Assert.Equal(bytes, all.ToArray());
        Assert.Equal(bytes, head.Concat(rest.ToArray()));
    }

    [Fact]
    public async Task A_file_over_the_limit_throws_what_the_caller_gave_once_the_limit_is_passed()
    {
        await using var spool = new UploadSpool(16);
        var limitExceeded = new InvalidOperationException("too large");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            spool.AddAsync(new MemoryStream(new byte[1001]), "f", null, 1000, () => limitExceeded, default));

        Assert.Same(limitExceeded, thrown);
    }

    private static async Task<byte[]> ReadAllAsync(IFile file)
    {
        await using var stream = file.OpenReadStream();
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>This process's open temporary upload files (Linux: the targets of /proc/self/fd).</summary>
    private static int OpenUploadFiles() =>
        Directory.GetFiles("/proc/self/fd").Count(fd => new FileInfo(fd).LinkTarget?.Contains("graphql-upload-", StringComparison.Ordinal) == true);
}
