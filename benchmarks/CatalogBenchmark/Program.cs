using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Diecast.CatalogBenchmark;
using Diecast.LocalPostgres;
using Npgsql;
using Diecast.Benchmarks;
using static Diecast.Benchmarks.BenchmarkHost;

// The catalog benchmark (./benchmark.sh): a catalog of a million products in a private PostgreSQL, the API
// (Release build, its own process) and the raw floor endpoint under load from wrk (another process), each
// scenario measured in the same run. Prints p50/p99 latency, throughput and the ratios the targets are about.
var productCount = Option("--products", 1_000_000);
var duration = TimeSpan.FromSeconds(Option("--seconds", 10));
var connections = Option("--connections", 16);
var roundCount = Option("--rounds", 3);
var root = FindRepositoryRoot();
var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
var apiDll = Path.Combine(root, "src", "Api", "bin", "Release", "net10.0", "Diecast.Api.dll");
if (!File.Exists(apiDll))
{
    Console.Error.WriteLine($"Build the API in Release first ({apiDll} is missing): ./benchmark.sh does.");
    return 1;
}

Console.WriteLine($"Catalog benchmark: {productCount:N0} products, {connections} connections, {duration.TotalSeconds:0} s per scenario, {Environment.ProcessorCount} cores");
await using var cluster = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
{
    DataDirectory = Path.Combine(root, ".data", "benchmark-postgres"),
    Durable = false,
    Settings = new Dictionary<string, string> { ["shared_buffers"] = "1GB", ["work_mem"] = "16MB" },
});
await cluster.CreateDatabaseAsync("diecast_benchmark");
var connectionString = cluster.GetConnectionString("diecast_benchmark");

await RunApiCommandAsync("database", "migrate");
var existing = await ScalarAsync<long>("SELECT count(*) FROM products");
if (existing < productCount)
{
    Console.WriteLine($"Seeding {productCount - existing:N0} products…");
    await RunApiCommandAsync("database", "seed", "--products", (productCount - existing).ToString(CultureInfo.InvariantCulture));
    await ScalarAsync<int>("VACUUM ANALYZE products; SELECT 1");
}
else
{
    // A migration may have added columns or indexes the planner has no statistics for yet.
    await ScalarAsync<int>("ANALYZE products; SELECT 1");
}

var apiPort = FreePort();
using var api = StartApi(apiPort);
AppDomain.CurrentDomain.ProcessExit += (_, _) => StopApi();
var apiUrl = new Uri($"http://127.0.0.1:{apiPort}/graphql");
await WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{apiPort}/health/ready"));
var rawPort = FreePort();
// The floor gets the API's connection settings (no DISCARD ALL on reuse), so only the stack differs.
await using var raw = await RawProductsEndpoint.StartAsync(connectionString + ";No Reset On Close=true", rawPort);
var rawUrl = new Uri($"http://127.0.0.1:{rawPort}/products");

// A cursor 900,000 rows deep: the row at that offset, found by its unique slug, in the first page's order.
var deepOffset = Math.Min(900_000, productCount - 100);
var deepSlug = await ScalarAsync<string>($"SELECT slug FROM products ORDER BY price, id OFFSET {deepOffset} LIMIT 1");
using var http = new HttpClient();
var deepCursor = (await GraphQLAsync(http, apiUrl, $$"""{ products(first: 1, where: { slug: { eq: "{{deepSlug}}" } }, order: [{ price: ASC }]) { edges { cursor } } }"""))
    .GetProperty("products").GetProperty("edges")[0].GetProperty("cursor").GetString()!;

const string Fields = "nodes { id name brand scale price }";
var scenarios = new (string Name, Uri Url, string Query)[]
{
    ("raw floor: filtered sorted page (Npgsql + Utf8JsonWriter)", rawUrl, "{}"),
    ("GraphQL: filtered sorted first page", apiUrl, $$"""{ products(first: 20, where: { genre: { eq: RACING }, price: { gte: 1000 } }, order: [{ price: ASC }]) { {{Fields}} } }"""),
    ("GraphQL: first page by price", apiUrl, $$"""{ products(first: 20, order: [{ price: ASC }]) { {{Fields}} } }"""),
    ($"GraphQL: page {deepOffset:N0} rows deep by cursor", apiUrl, $$"""{ products(first: 20, after: "{{deepCursor}}", order: [{ price: ASC }]) { {{Fields}} } }"""),
    ("GraphQL: totalCount of a filter", apiUrl, """{ products(first: 1, where: { genre: { eq: RACING } }) { totalCount } }"""),
    ("GraphQL: full-text search, ranked", apiUrl, $$"""{ products(first: 20, search: "lancia delta integrale") { {{Fields}} } }"""),
};

// Both targets are ratios of two measurements, so the scenarios they compare are measured in alternating rounds:
// a machine that slows down or speeds up during the run moves both sides of each round's ratio.
var compared = scenarios.Take(4).ToList();
foreach (var scenario in compared)
{
    await WarmUpAsync(scenario);
}

var rounds = new List<LoadResult[]>();
for (var round = 1; round <= roundCount; round++)
{
    var measured = new LoadResult[compared.Count];
    for (var i = 0; i < compared.Count; i++)
    {
        measured[i] = await MeasureAsync(compared[i]);
        Print($"round {round}: {compared[i].Name}", measured[i]);
    }

    rounds.Add(measured);
}

var others = new List<LoadResult>();
foreach (var scenario in scenarios.Skip(compared.Count))
{
    await WarmUpAsync(scenario);
    others.Add(await MeasureAsync(scenario));
    Print(scenario.Name, others[^1]);
}

// Per round: [0] raw floor, [1] GraphQL filtered page, [2] GraphQL first page, [3] deep page.
var deepRatios = rounds.Select(r => r[3].P50Milliseconds / r[2].P50Milliseconds).ToList();
var throughputRatios = rounds.Select(r => r[1].RequestsPerSecond / r[0].RequestsPerSecond).ToList();
Console.WriteLine();
Console.WriteLine($"Deep page p50 / first page p50:               {Median(deepRatios):0.00}x   (target: at most 1.5x; rounds {Join(deepRatios)})");
Console.WriteLine($"GraphQL filtered page throughput / raw floor: {Median(throughputRatios):0.00}    (target: at least 0.50; rounds {Join(throughputRatios)})");
StopApi();
return rounds.Any(r => r.Any(result => result.Errors > 0)) || others.Any(r => r.Errors > 0) ? 1 : 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
}

static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)));

string BodyOf((string Name, Uri Url, string Query) scenario) =>
    scenario.Url == rawUrl ? "{}" : JsonSerializer.Serialize(new { query = scenario.Query });

async Task WarmUpAsync((string Name, Uri Url, string Query) scenario)
{
    await CheckAsync(http, scenario.Url, BodyOf(scenario), scenario.Name);
    // Tiered JIT with dynamic PGO needs tens of seconds of load to reach steady code.
    await Wrk.RunAsync(scenario.Url, BodyOf(scenario), TimeSpan.FromSeconds(15), connections);
}

Task<LoadResult> MeasureAsync((string Name, Uri Url, string Query) scenario) =>
    Wrk.RunAsync(scenario.Url, BodyOf(scenario), duration, connections);

static void Print(string name, LoadResult result) =>
    Console.WriteLine($"  {name,-68} p50 {result.P50Milliseconds,8:0.00} ms   p99 {result.P99Milliseconds,8:0.00} ms   {result.RequestsPerSecond,8:0} req/s{(result.Errors > 0 ? $"   {result.Errors} errors" : "")}");

void StopApi() => BenchmarkHost.Stop([api]);

int Option(string name, int fallback) => BenchmarkHost.Option(args, name, fallback);

Task RunApiCommandAsync(params string[] arguments) => Api().RunCommandAsync(arguments);

Process StartApi(int port) => Api().Start(port);

ApiProcesses Api() => new(
    apiDll,
    new Dictionary<string, string>
    {
        ["ConnectionStrings__Diecast"] = connectionString,
        // Production refuses to start without a token signing key; the benchmark sends no tokens, so any will do.
        ["Jwt__SigningKey"] = signingKey,
        // Production refuses to start without Razorpay keys; the catalog benchmark pays for nothing, so test ones pointing nowhere do.
        ["Razorpay__KeyId"] = "rzp_test_benchmark",
        ["Razorpay__KeySecret"] = signingKey,
        ["Razorpay__WebhookSecret"] = signingKey,
        ["Razorpay__BaseUrl"] = "http://127.0.0.1:9/v1/",
    });

async Task<T> ScalarAsync<T>(string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    return (T)(await command.ExecuteScalarAsync())!;
}

static async Task<JsonElement> GraphQLAsync(HttpClient http, Uri url, string query)
{
    var response = await http.PostAsJsonAsync(url, new { query });
    using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    if (document.RootElement.TryGetProperty("errors", out var errors))
    {
        throw new InvalidOperationException($"GraphQL errors: {errors}");
    }

    return document.RootElement.GetProperty("data").Clone();
}

static async Task CheckAsync(HttpClient http, Uri url, string body, string name)
{
    var response = await http.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || text.Contains("\"errors\"", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"{name} does not answer cleanly: {(int)response.StatusCode} {text}");
    }
}
