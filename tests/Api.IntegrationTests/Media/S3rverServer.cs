using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Diecast.Api.IntegrationTests.Media;

/// <summary>
/// s3rver (npm, pinned in Media/S3rver/package-lock.json, installed by the build) on 127.0.0.1 at a free port, with a
/// bucket, its data in a temporary folder: the S3 store's tests talk to it and to nothing else.
/// </summary>
public sealed partial class S3rverServer : IAsyncLifetime
{
    /// <summary>s3rver's fixed credentials (it checks signatures with them).</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Bucket = "diecast-media";

    private readonly string _directory = Directory.CreateTempSubdirectory("diecast-s3rver-").FullName;
    private Process? _process;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>The settings that point the API's S3 store here.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Media:Storage"] = "s3",
        ["Media:S3:ServiceUrl"] = ServiceUrl,
        ["Media:S3:Bucket"] = Bucket,
        ["Media:S3:AccessKey"] = AccessKey,
        ["Media:S3:SecretKey"] = SecretKey,
        ["Media:S3:Region"] = "us-east-1",
    };

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(RepositoryFolder(), "tests", "Api.IntegrationTests", "Media", "S3rver");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "node_modules/s3rver/bin/s3rver.js", "-d", _directory, "-a", "127.0.0.1", "-p", "0", "--configure-bucket", Bucket })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                ServiceUrl = $"http://127.0.0.1:{match.Groups[1].Value}";
                // Keep draining its log so it never blocks on a full pipe.
                _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = _process.StandardError.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }

        throw new InvalidOperationException("s3rver did not start: " + await _process.StandardError.ReadToEndAsync(CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string RepositoryFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Diecast.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (Diecast.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
