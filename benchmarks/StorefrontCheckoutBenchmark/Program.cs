using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Diecast.Benchmarks;
using Diecast.StorefrontCheckoutBenchmark;
using Diecast.Storefront.Tests.EndToEnd;
using Npgsql;
using static Diecast.Benchmarks.BenchmarkHost;

// The checkout load run (./benchmark-storefront.sh checkout): N concurrent shoppers, each an HTTP client with its own
// cookie jar (no browser), buy through the storefront: product page, add to cart, cart, checkout form (its antiforgery
// token read from the page), place the order, the order page, pay in the payment simulator, the checkout callback, then
// the order page again until it shows the order paid. The API built in Release and the published storefront run in
// Production as processes of their own (one of each, or two of each behind a YARP front door with --instances 2), on a
// fresh copy of the demo shop; Razorpay is the payment simulator played in this process for every API (webhooks to
// the API that did not create the order). Prints orders/s and p50/p99 per step, then a scarce product's run (fewer
// units than shoppers), then checks exactly: every order paid, stock down by exactly what was bought, no duplicate
// orders, no oversell, every refused shopper told why. The API's production rate limits are on: each purchase comes from
// an address of its own (X-Forwarded-For through a trusted proxy).
var shoppers = Option(args, "--shoppers", 8);
var duration = TimeSpan.FromSeconds(Option(args, "--seconds", 20));
var instances = Option(args, "--instances", 1);
var scarceStock = Option(args, "--scarce-stock", 5);
var scarceShoppers = Option(args, "--scarce-shoppers", 12);
if (instances is < 1 or > 2 || scarceShoppers <= scarceStock)
{
    Console.Error.WriteLine("Usage: ./benchmark-storefront.sh checkout [--shoppers N (8)] [--seconds S (20)] [--instances 1|2] [--scarce-stock K (5)] [--scarce-shoppers M (12, more than K)]");
    return 2;
}

var root = FindRepositoryRoot();
if (BuiltShop.Find(root) is not { } built)
{
    return 1;
}

Console.WriteLine($"Storefront checkout load run: {shoppers} concurrent shoppers for {duration.TotalSeconds:0} s, {instances} API and {instances} storefront process(es), {Environment.ProcessorCount} cores, load average {LoadAverage()}");
var (cluster, connectionString) = await StartFreshDatabaseAsync(root, "diecast_storefront_checkout_benchmark");
await using var ownedCluster = cluster;
var forwardedClientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
var apiSettings = new Dictionary<string, string>
{
    ["ConnectionStrings__Diecast"] = connectionString,
    ["Database__MigrateOnStartup"] = "false",
    ["Database__SeedDemoData"] = "false",
    ["Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
    ["Payments__ReconciliationEnabled"] = "false",
    // The production rate limits stay on (their defaults: 30 mutations a minute per client, counted in PostgreSQL for
    // every instance). Each purchase comes from an address of its own (X-Forwarded-For, believed because the storefronts
    // trust 127.0.0.1 as their proxy), which the storefront names to the API with this secret.
    ["GraphQL__RateLimit__ForwardedClientSecret"] = forwardedClientSecret,
};
await using var razorpay = await SharedRazorpay.StartAsync(instances);
var commands = new ApiProcesses(built.ApiDll, Merge(apiSettings, razorpay.Settings(0)));
await commands.RunCommandAsync("database", "migrate");
await commands.RunCommandAsync("database", "seed");

var processes = new List<Process>();
AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(processes);
var keysFolder = Path.Combine(root, ".data", "benchmark-storefront-keys");
if (Directory.Exists(keysFolder))
{
    Directory.Delete(keysFolder, recursive: true);
}

var apis = new List<Uri>();
var storefronts = new Dictionary<string, Uri>();
for (var i = 0; i < instances; i++)
{
    var apiPort = FreePort();
    processes.Add(new ApiProcesses(built.ApiDll, Merge(apiSettings, razorpay.Settings(i))).Start(apiPort));
    apis.Add(new Uri($"http://127.0.0.1:{apiPort}"));
}

razorpay.DeliverTo(apis);
foreach (var api in apis)
{
    await WaitUntilReadyAsync(new Uri(api, "/health/ready"));
}

// The shop's public address: the front door's with two instances, else the one storefront's; chosen first, since the
// storefronts are told it (Storefront__PublicBaseUrl).
var ports = Enumerable.Range(0, instances + 1).Select(_ => FreePort()).ToArray();
var publicBase = new Uri($"http://127.0.0.1:{ports[instances > 1 ? instances : 0]}");
for (var i = 0; i < instances; i++)
{
    var port = ports[i];
    processes.Add(StartStorefront(port, apis[i]));
    storefronts[$"storefront-{i + 1}"] = new Uri($"http://127.0.0.1:{port}");
}

foreach (var storefront in storefronts.Values)
{
    await WaitUntilReadyAsync(new Uri(storefront, "/health/live"));
}

await using var door = instances > 1 ? await FrontDoor.StartAsync(storefronts, publicBase.Port) : null;
var shop = door?.Address ?? storefronts.Values.First();

// The products: twenty on sale with more stock than a run sells, and one scarce one.
var catalog = new List<(string Id, string Slug)>();
using (var http = new HttpClient())
using (var response = await http.PostAsJsonAsync(new Uri(apis[0], "/graphql"), new { query = "{ products(first: 21, where: {status: {eq: AVAILABLE}}, order: [{price: ASC}]) { nodes { id slug } } }" }))
{
    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    catalog.AddRange(body.RootElement.GetProperty("data").GetProperty("products").GetProperty("nodes").EnumerateArray()
        .Select(node => (node.GetProperty("id").GetString()!, node.GetProperty("slug").GetString()!)));
}

if (catalog.Count < 21)
{
    throw new InvalidOperationException($"The demo shop has {catalog.Count} products on sale; the run needs 21.");
}

var plenty = catalog[..20];
var scarce = catalog[20];
const int Plenty = 1_000_000;
await ExecuteAsync($"UPDATE products SET stock_quantity = {Plenty} WHERE slug = ANY(@slugs)", ("slugs", plenty.Select(p => p.Slug).ToArray()));
await ExecuteAsync($"UPDATE products SET stock_quantity = {scarceStock} WHERE slug = @slug", ("slug", scarce.Slug));
var stockBefore = await StockAsync();
// The demo shop comes with orders of its own: the check counts the orders made after this point only.
long firstOrderId;
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT coalesce(max(id), 0) + 1 FROM orders", connection);
    firstOrderId = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}


var purchase = new Purchase(shop, razorpay.Address);
// Each purchase is a new shopper (a new cookie jar) from an address of its own in 198.18.0.0/15, the range set aside for
// benchmarks (RFC 2544): the API's per-client limits then count each shopper alone, as for real shoppers.
var shopperCount = 0;
string NextShopperAddress()
{
    var n = Interlocked.Increment(ref shopperCount);
    return $"198.{18 + ((n >> 16) & 1)}.{(n >> 8) & 255}.{n & 255}";
}

var bought = new ConcurrentDictionary<string, int>();
var tokens = new ConcurrentDictionary<string, bool>();
var failures = new ConcurrentQueue<string>();

async Task<PurchaseResult> BuyAsync((string Id, string Slug) product, int quantity)
{
    var result = await purchase.RunAsync(product.Id, product.Slug, quantity, NextShopperAddress());
    switch (result.Outcome)
    {
        case PurchaseOutcome.Paid:
            bought.AddOrUpdate(product.Slug, quantity, (_, n) => n + quantity);
            if (!tokens.TryAdd(result.OrderToken!, true))
            {
                failures.Enqueue($"order {result.OrderToken} was answered to two shoppers");
            }

            break;
        case PurchaseOutcome.Failed:
            failures.Enqueue(result.Detail ?? "failed");
            break;
    }

    return result;
}

// Cold start first: on a loaded machine an API's first product query (JIT, EF's query compilation) can outlast the
// storefront's 5 s API timeout, and the page answers 503 as designed. Each storefront is asked for a product page until
// it answers 200 (at most a minute), so the run measures a started shop; no purchase is made or hidden here.
using (var warm = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
{
    foreach (var storefront in storefronts.Values)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                using var page = await warm.GetAsync(new Uri(storefront, $"/cars/{plenty[0].Slug}"));
                if (page.IsSuccessStatusCode || DateTime.UtcNow > until)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow <= until)
            {
            }

            await Task.Delay(500);
        }
    }
}

// Warm-up: JIT, pools and caches on every process (each instance gets some), not measured, checked like the rest.
await Task.WhenAll(Enumerable.Range(0, 2 * instances).Select(i => BuyAsync(plenty[i], 1)));

var steps = new ConcurrentDictionary<string, ConcurrentQueue<double>>();
var paid = 0;
var clock = Stopwatch.StartNew();
using (var stop = new CancellationTokenSource(duration))
{
    await Task.WhenAll(Enumerable.Range(0, shoppers).Select(shopper => Task.Run(async () =>
    {
        var random = new Random(shopper);
        while (!stop.IsCancellationRequested)
        {
            var result = await BuyAsync(plenty[random.Next(plenty.Count)], random.Next(1, 3));
            if (result.Outcome == PurchaseOutcome.Paid)
            {
                Interlocked.Increment(ref paid);
                foreach (var (step, milliseconds) in result.Steps)
                {
                    steps.GetOrAdd(step, _ => new()).Enqueue(milliseconds);
                }
            }
        }
    })));
}

var elapsed = clock.Elapsed;
Console.WriteLine();
Console.WriteLine($"{paid} purchases paid in {elapsed.TotalSeconds:0.0} s: {paid / elapsed.TotalSeconds:0.0} orders/s ({shoppers} shoppers, each purchase {Purchase.StepNames.Length} steps; load average {LoadAverage()})");
Console.WriteLine($"  {"step",-30} {"p50 ms",9} {"p99 ms",9}");
foreach (var step in Purchase.StepNames)
{
    double[] sorted = [.. (steps.TryGetValue(step, out var times) ? times : []).Order()];
    Console.WriteLine($"  {step,-30} {Percentile(sorted, 0.5),9:0.0} {Percentile(sorted, 0.99),9:0.0}");
}

if (door is not null)
{
    Console.WriteLine($"  pages served by: {string.Join(", ", door.Served.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}");
}

// The scarce product: more shoppers than units, all at once, one unit each.
var scarceResults = await Task.WhenAll(Enumerable.Range(0, scarceShoppers).Select(_ => BuyAsync(scarce, 1)));
var scarcePaid = scarceResults.Count(r => r.Outcome == PurchaseOutcome.Paid);
var refused = scarceResults.Where(r => r.Outcome == PurchaseOutcome.Refused).ToList();
Console.WriteLine();
Console.WriteLine($"Scarce product ({scarceStock} in stock, {scarceShoppers} shoppers at once): {scarcePaid} paid, {refused.Count} refused with a notice, {scarceResults.Count(r => r.Outcome == PurchaseOutcome.Failed)} failed otherwise");
foreach (var notice in refused.Select(r => r.Detail).Distinct().Take(3))
{
    Console.WriteLine($"  notice: {notice}");
}

// The exact check, from the database.
var stockAfter = await StockAsync();
var lines = new Dictionary<string, long>();
long orders;
long paidOrders;
long duplicateKeys;
long limitedClients;
int mostHits;
long busyClients;
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    await using (var command = Command("SELECT count(*), count(*) FILTER (WHERE payment_status::text = 'paid') FROM orders WHERE id >= @first", connection))
    await using (var reader = await command.ExecuteReaderAsync())
    {
        await reader.ReadAsync();
        (orders, paidOrders) = (reader.GetInt64(0), reader.GetInt64(1));
    }

    await using (var command = Command("SELECT count(*) FROM (SELECT idempotency_key FROM orders WHERE id >= @first GROUP BY idempotency_key HAVING count(*) > 1) AS d", connection))
    {
        duplicateKeys = (long)(await command.ExecuteScalarAsync())!;
    }

    await using (var command = new NpgsqlCommand("SELECT count(*), coalesce(max(hits), 0), count(*) FILTER (WHERE hits > 2) FROM rate_limit_windows", connection))
    await using (var reader = await command.ExecuteReaderAsync())
    {
        await reader.ReadAsync();
        (limitedClients, mostHits, busyClients) = (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2));
    }

    await using (var command = Command("SELECT p.slug, sum(i.quantity) FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id >= @first GROUP BY p.slug", connection))
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            lines[reader.GetString(0)] = reader.GetInt64(1);
        }
    }
}

var problems = new List<string>(failures.Take(10));
if (orders != tokens.Count)
{
    problems.Add($"{orders} orders in the database, {tokens.Count} paid purchases seen by shoppers");
}

if (paidOrders != orders)
{
    problems.Add($"{orders - paidOrders} orders not paid");
}

if (duplicateKeys > 0)
{
    problems.Add($"{duplicateKeys} idempotency keys with more than one order");
}

foreach (var (_, slug) in catalog)
{
    var sold = stockBefore[slug] - stockAfter[slug];
    var ordered = lines.GetValueOrDefault(slug);
    var byShoppers = bought.GetValueOrDefault(slug);
    if (sold != ordered || ordered != byShoppers || stockAfter[slug] < 0)
    {
        problems.Add($"{slug}: stock went from {stockBefore[slug]} to {stockAfter[slug]}, order lines say {ordered}, shoppers paid for {byShoppers}");
    }
}

if (scarcePaid != scarceStock || stockAfter[scarce.Slug] != 0 || refused.Count != scarceShoppers - scarceStock)
{
    problems.Add($"scarce product: {scarcePaid} paid and {refused.Count} refused of {scarceShoppers} for {scarceStock} units, {stockAfter[scarce.Slug]} left");
}

Console.WriteLine();
// Rate limits: a shopper refused by them is a failed purchase above; these are the API's own counters (permits taken in
// the current window by each client and kind; a refused request takes none).
Console.WriteLine($"Rate limits on: {limitedClients} client counters in the API's rate_limit_windows, the busiest at {mostHits} permits (limit 30 a minute), {busyClients} above 2; shoppers {shopperCount}.");
Console.WriteLine(problems.Count == 0
    ? $"Check: exact. {orders} orders, all paid, none duplicated; every product's stock fell by exactly what its paid lines bought; the scarce product sold {scarceStock} of {scarceStock} and {refused.Count} shoppers were told why."
    : "Check: MISMATCH\n  " + string.Join("\n  ", problems));
Stop(processes);
return problems.Count == 0 ? 0 : 1;

Process StartStorefront(int port, Uri api) => built.StartStorefront(port, new Dictionary<string, string>
{
    ["DiecastApi__Endpoint"] = new Uri(api, "/graphql").ToString(),
    ["Storefront__DataProtectionKeysPath"] = keysFolder,
    ["Storefront__PublicBaseUrl"] = publicBase.ToString().TrimEnd('/'),
    ["DiecastApi__ForwardedClientSecret"] = forwardedClientSecret,
    // The shopper's address comes from X-Forwarded-For, believed from loopback only: the front door (YARP, which
    // appends the address it saw) or, with one instance, the load clients standing in for a balancer.
    ["Storefront__TrustedProxies"] = "127.0.0.1",
    ["Storefront__PaymentSimulatorUrl"] = new Uri(razorpay.Address, "/simulator/checkout").ToString(),
});

NpgsqlCommand Command(string sql, NpgsqlConnection connection)
{
    var command = new NpgsqlCommand(sql, connection);
    command.Parameters.AddWithValue("first", firstOrderId);
    return command;
}

async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    foreach (var (name, value) in parameters)
    {
        command.Parameters.AddWithValue(name, value);
    }

    await command.ExecuteNonQueryAsync();
}

async Task<Dictionary<string, long>> StockAsync()
{
    var stock = new Dictionary<string, long>();
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT slug, stock_quantity FROM products WHERE slug = ANY(@slugs)", connection);
    command.Parameters.AddWithValue("slugs", catalog.Select(p => p.Slug).ToArray());
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        stock[reader.GetString(0)] = reader.GetInt32(1);
    }

    return stock;
}

static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string> second)
{
    var merged = new Dictionary<string, string>(first);
    foreach (var (key, value) in second)
    {
        merged[key] = value;
    }

    return merged;
}
