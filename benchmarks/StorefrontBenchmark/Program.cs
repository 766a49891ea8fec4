using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Diecast.Benchmarks;
using static Diecast.Benchmarks.BenchmarkHost;

// The storefront's time to first byte (./benchmark-storefront.sh ttfb), in one run: PostgreSQL with the demo shop, the
// API in Release, and two published storefronts in Production on it, one output-caching (and subscribed to the API's
// change stream) and one with output caching off, so that "uncached" really renders and asks the API every time. For
// home, catalog and product pages on each, and the storefront's fingerprinted stylesheet (a static file served by the
// same storefront: the floor), concurrent clients request for a while and the time to each response's headers is
// recorded; rounds alternate the scenarios so a noisy neighbour hits all of them alike.
if (args.Length == 0 || args[0] != "ttfb")
{
    Console.Error.WriteLine("Usage: ./benchmark-storefront.sh ttfb [--concurrency C (8)] [--seconds S (5)] [--rounds R (3)]");
    return 2;
}

var concurrency = Option(args, "--concurrency", 8);
var duration = TimeSpan.FromSeconds(Option(args, "--seconds", 5));
var roundCount = Option(args, "--rounds", 3);
var root = FindRepositoryRoot();
if (BuiltShop.Find(root) is not { } built)
{
    return 1;
}

Console.WriteLine($"Storefront TTFB benchmark: {concurrency} concurrent clients, {duration.TotalSeconds:0} s per scenario and round, {roundCount} rounds, {Environment.ProcessorCount} cores");
var (cluster, connectionString) = await StartFreshDatabaseAsync(root, "diecast_storefront_benchmark");
await using var ownedCluster = cluster;
var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
var api = new ApiProcesses(built.ApiDll, new Dictionary<string, string>
{
    ["ConnectionStrings__Diecast"] = connectionString,
    ["Database__MigrateOnStartup"] = "false",
    ["Database__SeedDemoData"] = "false",
    ["Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
    // Production refuses to start without Razorpay keys; these point nowhere (127.0.0.1:9 refuses connections).
    ["Razorpay__KeyId"] = "rzp_test_storefrontbenchmark",
    ["Razorpay__KeySecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
    ["Razorpay__WebhookSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
    ["Razorpay__BaseUrl"] = "http://127.0.0.1:9/v1/",
    ["Payments__WebhookWorkerEnabled"] = "false",
    ["Payments__ReconciliationEnabled"] = "false",
    // The uncached storefront asks the API for every page: the benchmark's load is not the abuse the limits are for.
    ["GraphQL__RateLimit__Enabled"] = "false",
    ["StorefrontEvents__Secret"] = secret,
});
await api.RunCommandAsync("database", "migrate");
await api.RunCommandAsync("database", "seed");

var processes = new List<Process>();
AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(processes);
AppDomain.CurrentDomain.UnhandledException += (_, _) => Stop(processes);
var apiPort = FreePort();
processes.Add(api.Start(apiPort));
await WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{apiPort}/health/ready"));
var cachedPort = FreePort();
var uncachedPort = FreePort();
processes.Add(StartStorefront(cachedPort, cached: true));
processes.Add(StartStorefront(uncachedPort, cached: false));
await WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{cachedPort}/health/live"));
await WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{uncachedPort}/health/live"));

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
string slug;
using (var response = await http.PostAsJsonAsync($"http://127.0.0.1:{apiPort}/graphql", new { query = "{ products(first: 1, order: [{ price: DESC }]) { nodes { slug } } }" }))
{
    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    slug = body.RootElement.GetProperty("data").GetProperty("products").GetProperty("nodes")[0].GetProperty("slug").GetString()!;
}

// The pages carry the stylesheet inline, so its fingerprinted address comes from the published endpoints manifest.
var manifest = await File.ReadAllTextAsync(Path.Combine(built.StorefrontFolder, "Diecast.Storefront.staticwebassets.endpoints.json"));
var stylesheet = "/" + Regex.Match(manifest, "\"Route\":\\s*\"(?<route>css/site\\.[a-z0-9]+\\.css)\"").Groups["route"].Value;
if (stylesheet.Length == 1)
{
    throw new InvalidOperationException("The published storefront has no fingerprinted stylesheet.");
}

(string Page, string Path)[] pages = [("home", "/"), ("catalog", "/cars?sort=price-asc"), ("product", "/cars/" + slug)];
var scenarios = new List<(string Name, string Url)> { ("static file (floor)", $"http://127.0.0.1:{cachedPort}{stylesheet}") };
scenarios.AddRange(pages.Select(p => ($"{p.Page}, cached", $"http://127.0.0.1:{cachedPort}{p.Path}")));
scenarios.AddRange(pages.Select(p => ($"{p.Page}, uncached", $"http://127.0.0.1:{uncachedPort}{p.Path}")));

// Warm up: JIT, pools, the output cache, the API's own caches.
foreach (var (name, url) in scenarios)
{
    var warm = await LoadAsync(url, TimeSpan.FromSeconds(2));
    if (warm.Failures > 0)
    {
        throw new InvalidOperationException($"{name}: {warm.Failures} requests to {url} did not answer 200 while warming up.");
    }
}

var results = scenarios.ToDictionary(s => s.Name, _ => new List<double>());
var failures = scenarios.ToDictionary(s => s.Name, _ => 0);
for (var round = 0; round < roundCount; round++)
{
    foreach (var (name, url) in round % 2 == 0 ? scenarios : Enumerable.Reverse(scenarios))
    {
        var (times, failed) = await LoadAsync(url, duration);
        results[name].AddRange(times);
        failures[name] += failed;
    }
}

Console.WriteLine();
Console.WriteLine($"Time to first byte, {roundCount} rounds of {duration.TotalSeconds:0} s, {concurrency} concurrent clients (product: /cars/{slug}):");
Console.WriteLine($"  {"scenario",-22} {"requests",9} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"p50 / floor",12}");
var floor = Percentile([.. results[scenarios[0].Name].Order()], 0.5);
foreach (var (name, _) in scenarios)
{
    double[] sorted = [.. results[name].Order()];
    var p50 = Percentile(sorted, 0.5);
    var rate = sorted.Length / (duration.TotalSeconds * roundCount);
    Console.WriteLine($"  {name,-22} {sorted.Length,9} {rate,8:0} {p50,8:0.00} {Percentile(sorted, 0.99),8:0.00} {p50 / floor,11:0.00}x{(failures[name] > 0 ? $"  ({failures[name]} not 200)" : "")}");
}

Console.WriteLine();
foreach (var (page, _) in pages)
{
    var ratio = Percentile([.. results[$"{page}, cached"].Order()], 0.5) / floor;
    Console.WriteLine($"  {page} cached p50 is {ratio:0.00}x the static file's (target at most 1.5x): {(ratio <= 1.5 ? "met" : "missed")}");
}

Stop(processes);
return 0;

Process StartStorefront(int port, bool cached) => built.StartStorefront(port, new Dictionary<string, string>
{
    ["DiecastApi__Endpoint"] = $"http://127.0.0.1:{apiPort}/graphql",
    ["Storefront__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
    ["StorefrontCache__Enabled"] = cached ? "true" : "false",
    ["StorefrontCache__EventsSecret"] = secret,
});

async Task<(List<double> Times, int Failures)> LoadAsync(string url, TimeSpan length)
{
    var times = new List<double>();
    var failed = 0;
    var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
    var clients = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        var mine = new List<double>();
        var myFailures = 0;
        var buffer = new byte[64 * 1024];
        while (Stopwatch.GetTimestamp() < until)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            // As a browser asks: pages and the stylesheet come compressed (the bytes are read as they come, not decoded).
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(buffer) > 0)
            {
                // Read to the end, as a browser does, before the next request on this connection.
            }

            if ((int)response.StatusCode != 200)
            {
                myFailures++;
            }
        }

        return (mine, myFailures);
    }).ToList();
    foreach (var (mine, myFailures) in await Task.WhenAll(clients))
    {
        times.AddRange(mine);
        failed += myFailures;
    }

    return (times, failed);
}
