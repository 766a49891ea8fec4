using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Diecast.Api.Media;
using Diecast.Benchmarks;
using Npgsql;
using static Diecast.Benchmarks.BenchmarkHost;

// The media benchmark (./benchmark-media.sh), in one run against the API in Release as its own process:
// 1. first hits: the time of a request for a variant nobody asked for yet (read the original, resize, encode, store),
//    per format (AVIF, WebP, JPEG) at the storefront's widths, over several 2000 px originals, one request at a time;
// 2. cached throughput: the same variant requested again and again by concurrent clients, beside the same bytes served
//    as a static file by the same Kestrel (ASP.NET Core's static files: the floor), alternating rounds; and the cached
//    variant with the per-instance memory cache off (every request reads PostgreSQL), for the record.
var images = Option("--images", 6);
var concurrency = Option("--concurrency", 16);
var duration = TimeSpan.FromSeconds(Option("--seconds", 5));
var roundCount = Option("--rounds", 3);
int[] widths = [640, 1080, 1920];
var root = FindRepositoryRoot();
var apiDll = Path.Combine(root, "src", "Api", "bin", "Release", "net10.0", "Diecast.Api.dll");
if (!File.Exists(apiDll))
{
    Console.Error.WriteLine($"Build the API in Release first ({apiDll} is missing): ./benchmark-media.sh does.");
    return 1;
}

Console.WriteLine($"Media benchmark: {images} originals of 2000×1333, widths {string.Join("/", widths)}, {concurrency} concurrent clients, {duration.TotalSeconds:0} s per round, {roundCount} rounds, {Environment.ProcessorCount} cores");
var (cluster, connectionString) = await StartFreshDatabaseAsync(root, "diecast_media_benchmark", new Dictionary<string, string> { ["shared_buffers"] = "256MB" });
await using var ownedCluster = cluster;
var staticFolder = Directory.CreateTempSubdirectory("diecast-media-static-").FullName;
var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
await Api(memoryCache: true).RunCommandAsync("database", "migrate");

// The originals, made as the intake makes them (MediaImaging.Normalize: a JPEG re-encoded at 92 with no metadata),
// stored as the intake stores them. A photo-like texture: smoothed noise in three bands, so encoders have real work.
var files = new List<(Guid Id, string Address)>();
for (var i = 0; i < images; i++)
{
    using var noise = NetVips.Image.Gaussnoise(2000, 1333, sigma: 60, mean: 128, seed: 1000 + i);
    using var smooth = noise.Gaussblur(2.5);
    using var red = smooth + (20 * i);
    using var turned = smooth.Rot180();
    using var green = turned * 0.8;
    using var flipped = smooth.Flip(NetVips.Enums.Direction.Horizontal);
    using var blue = flipped * 0.9;
    using var colour = red.Bandjoin(green, blue).Cast(NetVips.Enums.BandFormat.Uchar).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
    var (bytes, width, height) = MediaImaging.Normalize(colour.JpegsaveBuffer(q: 95), "jpeg", 40_000_000);
    var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
    var id = Guid.CreateVersion7();
    await ExecuteAsync(
        """
        WITH blob AS (INSERT INTO media_blobs (key, content_type, length, data) VALUES ($1, 'image/jpeg', octet_length($2), $2))
        INSERT INTO media_files (id, kind, format, content_type, byte_length, width, height, sha256, storage_key) VALUES ($3, 'Image', 'jpeg', 'image/jpeg', $4, $5, $6, $7, $1);
        """,
        "originals/" + sha, bytes, id, (long)bytes.Length, width, height, sha);
    files.Add((id, sha[..MediaUrls.AddressLength]));
}

// The default store on its own: put and get of a 2 MB original and a 30 KB variant (median and p99 of 30 each).
var storage = new PostgresMediaStorage(new Diecast.Api.Data.DatabaseConnection(
    new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Diecast"] = connectionString }).Build(),
    Microsoft.Extensions.Options.Options.Create(new Diecast.Api.Data.DatabaseOptions()),
    Microsoft.Extensions.Logging.Abstractions.NullLogger<Diecast.Api.Data.DatabaseConnection>.Instance));
Console.WriteLine();
Console.WriteLine("PostgreSQL store (bytea, STORAGE EXTERNAL), one operation at a time:");
foreach (var size in new[] { 2 * 1024 * 1024, 30 * 1024 })
{
    var puts = new List<double>();
    var gets = new List<double>();
    for (var n = 0; n < 30; n++)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        var key = $"bench/{size}/{n}";
        var started = Stopwatch.GetTimestamp();
        await storage.PutAsync(key, new MemoryStream(bytes), "application/octet-stream", CancellationToken.None);
        puts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        started = Stopwatch.GetTimestamp();
        await using (var blob = await storage.OpenAsync(key, null, null, CancellationToken.None))
        {
            _ = await blob!.ReadAllBytesAsync(CancellationToken.None);
        }

        gets.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    double[] p = [.. puts.Order()], g = [.. gets.Order()];
    Console.WriteLine($"  {size / 1024,6} KB: put p50 {Percentile(p, 0.5),6:0.00} ms p99 {Percentile(p, 0.99),6:0.00} ms   get p50 {Percentile(g, 0.5),6:0.00} ms p99 {Percentile(g, 0.99),6:0.00} ms");
}

var processes = new List<Process>();
AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(processes);
// An unhandled exception ends the process without ProcessExit: stop the APIs then too, so none is left running.
AppDomain.CurrentDomain.UnhandledException += (_, _) => Stop(processes);
var port = FreePort();
processes.Add(Api(memoryCache: true).Start(port));
var noMemoryPort = FreePort();
processes.Add(Api(memoryCache: false).Start(noMemoryPort));
await WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));
await WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{noMemoryPort}/health/ready"));
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });

// Warm the process (JIT, pools, libvips's first load) on a variant the measurements do not use.
await GetAsync(port, files[0], 256, "image/jpeg");

Console.WriteLine();
Console.WriteLine("First hit (resize + encode + store), one request at a time:");
var firstHits = new Dictionary<(string Format, int Width), List<double>>();
foreach (var (format, accept) in new[] { ("avif", "image/avif,image/webp,*/*"), ("webp", "image/webp,*/*"), ("jpeg", "*/*") })
{
    foreach (var width in widths)
    {
        var times = firstHits[(format, width)] = [];
        foreach (var file in files)
        {
            var started = Stopwatch.GetTimestamp();
            var (contentType, length) = await GetAsync(port, file, width, accept);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (contentType != "image/" + format)
            {
                throw new InvalidOperationException($"Asked for {format}, got {contentType}.");
            }

            if (file == files[0])
            {
                Console.Write($"  {format,-5} {width,5} px: {length / 1024.0,7:0.0} KB");
            }
        }

        var sorted = times.Order().ToArray();
        Console.WriteLine($"   p50 {Percentile(sorted, 0.5),7:0} ms   p99 {Percentile(sorted, 0.99),7:0} ms   ({times.Count} originals)");
    }
}

// The cached path: WebP at 1080 (the storefront's most common size), and the same bytes as a static file.
var (_, variantLength) = await GetAsync(port, files[0], 1080, "image/webp,*/*");
var variantUrl = $"http://127.0.0.1:{port}/media/images/{files[0].Id}/{files[0].Address}?w=1080";
byte[] variantBytes;
using (var variantResponse = await http.SendAsync(Request(variantUrl, "image/webp,*/*")))
{
    variantBytes = await variantResponse.Content.ReadAsByteArrayAsync();
}

await File.WriteAllBytesAsync(Path.Combine(staticFolder, "variant.webp"), variantBytes);
var staticUrl = $"http://127.0.0.1:{port}/media-benchmark-static/variant.webp";
var noMemoryUrl = $"http://127.0.0.1:{noMemoryPort}/media/images/{files[0].Id}/{files[0].Address}?w=1080";
Console.WriteLine();
Console.WriteLine($"Cached variant ({variantLength / 1024.0:0.0} KB WebP) vs a static file of the same bytes, {concurrency} concurrent clients:");
var scenarios = new (string Name, string Url)[]
{
    ("static file (floor)", staticUrl),
    ("cached variant", variantUrl),
    ("cached variant, no memory cache", noMemoryUrl),
};
foreach (var scenario in scenarios)
{
    await LoadAsync(scenario.Url, TimeSpan.FromSeconds(3)); // warm-up
}

var ratios = new List<double>();
for (var round = 1; round <= roundCount; round++)
{
    var results = new List<(double PerSecond, double P50, double P99)>();
    foreach (var scenario in scenarios)
    {
        var result = await LoadAsync(scenario.Url, duration);
        results.Add(result);
        Console.WriteLine($"  round {round}: {scenario.Name,-34} {result.PerSecond,8:0} req/s   p50 {result.P50,6:0.00} ms   p99 {result.P99,6:0.00} ms");
    }

    ratios.Add(results[1].PerSecond / results[0].PerSecond);
}

Console.WriteLine();
Console.WriteLine($"cached variant / static file: {ratios.Order().ElementAt(ratios.Count / 2):0.00}   (target: at least 0.80; rounds {string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))})");
var encodes = await ScalarAsync("SELECT count(*) FROM media_variants");
Console.WriteLine($"Variants stored: {encodes} (each encoded once: {firstHits.Count * images} first hits + 1 warm-up)");
Stop(processes);
Directory.Delete(staticFolder, recursive: true);
return 0;

async Task<(string? ContentType, long Length)> GetAsync(int apiPort, (Guid Id, string Address) file, int width, string accept)
{
    using var response = await http.SendAsync(Request($"http://127.0.0.1:{apiPort}/media/images/{file.Id}/{file.Address}?w={width}", accept));
    response.EnsureSuccessStatusCode();
    var bytes = await response.Content.ReadAsByteArrayAsync();
    return (response.Content.Headers.ContentType?.MediaType, bytes.Length);
}

static HttpRequestMessage Request(string url, string accept)
{
    var request = new HttpRequestMessage(HttpMethod.Get, url);
    request.Headers.TryAddWithoutValidation("Accept", accept);
    return request;
}

async Task<(double PerSecond, double P50, double P99)> LoadAsync(string url, TimeSpan length)
{
    var latencies = new List<double>[concurrency];
    var count = 0;
    using var stop = new CancellationTokenSource(length);
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        var mine = latencies[worker] = new List<double>(8192);
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(Request(url, "image/webp,*/*"));
            await response.Content.CopyToAsync(Stream.Null);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
            }

            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref count);
        }
    })));
    var elapsed = clock.Elapsed;
    var sorted = latencies.SelectMany(l => l).Order().ToArray();
    return (count / elapsed.TotalSeconds, Percentile(sorted, 0.5), Percentile(sorted, 0.99));
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

int Option(string name, int fallback) => BenchmarkHost.Option(args, name, fallback);

ApiProcesses Api(bool memoryCache) => new(
    apiDll,
    new Dictionary<string, string>
    {
        ["ConnectionStrings__Diecast"] = connectionString,
        ["Database__MigrateOnStartup"] = "false",
        ["Database__SeedDemoData"] = "false",
        ["Jwt__SigningKey"] = signingKey,
        // Razorpay is not used here; a Production host needs keys to start, so these point nowhere (127.0.0.1:9).
        ["Razorpay__KeyId"] = "rzp_test_mediabenchmark",
        ["Razorpay__KeySecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
        ["Razorpay__WebhookSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
        ["Razorpay__BaseUrl"] = "http://127.0.0.1:9/v1/",
        ["Media__BenchmarkStaticFolder"] = staticFolder,
        ["Media__MemoryCacheBytes"] = memoryCache ? (64 * 1024 * 1024).ToString(CultureInfo.InvariantCulture) : "0",
        // AVIF is off by default; the benchmark measures its first hit too, so it turns it on for its own APIs.
        ["Media__Avif"] = "true",
        ["Payments__WebhookWorkerEnabled"] = "false",
        ["Payments__ReconciliationEnabled"] = "false",
    });

async Task ExecuteAsync(string sql, params object[] parameters)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    foreach (var parameter in parameters)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
    }

    await command.ExecuteNonQueryAsync();
}

async Task<long> ScalarAsync(string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return (long)(await command.ExecuteScalarAsync())!;
}
