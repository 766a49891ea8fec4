using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Diecast.Api.Payments.Simulator;
using Diecast.CheckoutBenchmark;
using Npgsql;
using Diecast.Benchmarks;
using static Diecast.Benchmarks.BenchmarkHost;

// The checkout benchmark (./benchmark-checkout.sh): placeOrder through the real API (Release build, its own process,
// or two processes on one database) against a raw floor measured in the same run: the same reservation (order, line,
// stock decrement, stock movement, timeline entry) as one hand-written SQL statement over Npgsql, at the same
// concurrency. Two contentions: everyone buys the same product, and each order picks one of many products.
// Prints orders/s, p50/p99 and the ratio to the floor, then checks that stock, orders and movements add up exactly.
var concurrency = Option("--concurrency", 16);
var duration = TimeSpan.FromSeconds(Option("--seconds", 10));
var roundCount = Option("--rounds", 3);
var spread = Option("--products", 1000);
var processes = Option("--processes", 1);
// --only one|many: run one contention's pair (floor and placeOrder) only, for a quicker look; the default runs both.
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
// --statements: PostgreSQL's time per statement and order for each measured scenario (pg_stat_statements, loaded for the run).
var statements = args.Contains("--statements");
var root = FindRepositoryRoot();
var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
var apiDll = Path.Combine(root, "src", "Api", "bin", "Release", "net10.0", "Diecast.Api.dll");
if (!File.Exists(apiDll))
{
    Console.Error.WriteLine($"Build the API in Release first ({apiDll} is missing): ./benchmark-checkout.sh does.");
    return 1;
}

const int InitialStock = 1_000_000;
Console.WriteLine($"Checkout benchmark: {concurrency} concurrent buyers, {duration.TotalSeconds:0} s per scenario, {roundCount} rounds, {processes} API process(es), {spread} products for the spread, {Environment.ProcessorCount} cores");
// A fresh database each run, so the check at the end counts this run's orders only.
var (cluster, connectionString) = await StartFreshDatabaseAsync(root, "diecast_checkout_benchmark", statements
        ? new Dictionary<string, string> { ["shared_buffers"] = "256MB", ["shared_preload_libraries"] = "pg_stat_statements", ["pg_stat_statements.track_planning"] = "on" }
        : new Dictionary<string, string> { ["shared_buffers"] = "256MB" });
await using var ownedCluster = cluster;

// Razorpay, played by the payment simulator's engine on 127.0.0.1 in this process: placeOrder makes a Razorpay order
// for every order it places, as it would in production (one HTTP call), and nothing reaches the internet.
using var razorpay = new RazorpaySimulator("rzp_test_benchmark", "bench_secret_" + Guid.NewGuid().ToString("N"), "bench_webhook_" + Guid.NewGuid().ToString("N"));
var razorpayPort = FreePort();
var razorpayHost = WebApplication.CreateSlimBuilder();
razorpayHost.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, razorpayPort));
razorpayHost.Logging.ClearProviders();
await using var razorpayApp = razorpayHost.Build();
razorpayApp.MapRazorpaySimulatorApi("/v1", _ => razorpay);
await razorpayApp.StartAsync();

await RunApiCommandAsync("database", "migrate");
if (statements)
{
    await ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
}

// One hot product and `spread` others, each with far more stock than a run sells.
await ExecuteAsync($"""
    INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, is_featured)
    SELECT 'bench-car-' || n, 'Bench Car ' || n, 'Mini GT', 'Tata', 'Nexon', 2024, '1:64', 'classic', 'available', 'A benchmark model.', 1499.00, {InitialStock}, ARRAY['https://img.example.com/b.jpg'], false
    FROM generate_series(0, {spread}) AS n;
    ANALYZE products;
    """);
var productIds = new List<int>();
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT id FROM products WHERE slug LIKE 'bench-car-%' ORDER BY id", connection);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        productIds.Add(reader.GetInt32(0));
    }
}

var hot = productIds[0];
var many = productIds.Skip(1).ToArray();
var globalIds = productIds.ToDictionary(id => id, id => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:{id}")));

var apis = new List<Process>();
var urls = new List<Uri>();
for (var i = 0; i < processes; i++)
{
    var port = FreePort();
    apis.Add(StartApi(port));
    urls.Add(new Uri($"http://127.0.0.1:{port}/graphql"));
    await WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));
}

AppDomain.CurrentDomain.ProcessExit += (_, _) => StopApis();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
// The floor gets the API's connection settings (no DISCARD ALL on reuse; statements prepared after two uses), so only
// the stack differs: an unprepared floor was planned on every call, which flattered the ratio.
await using var floor = NpgsqlDataSource.Create(connectionString + ";No Reset On Close=true;Max Auto Prepare=100;Auto Prepare Min Usages=2;Maximum Pool Size=" + (concurrency + 4));
var runId = Guid.NewGuid().ToString("N")[..8];

(string Name, Func<int, long, CancellationToken, Task<bool>> Place)[] onePair =
[
    ("raw floor: one product", (_, n, ct) => FloorAsync(hot, n, ct)),
    ("placeOrder: one product", (worker, n, ct) => ApiAsync(worker, hot, n, ct)),
];
(string Name, Func<int, long, CancellationToken, Task<bool>> Place)[] manyPair =
[
    ($"raw floor: {many.Length} products", (_, n, ct) => FloorAsync(many[Random.Shared.Next(many.Length)], n, ct)),
    ($"placeOrder: {many.Length} products", (worker, n, ct) => ApiAsync(worker, many[Random.Shared.Next(many.Length)], n, ct)),
];
var scenarios = only switch
{
    "one" => onePair,
    "many" => manyPair,
    null => [.. onePair, .. manyPair],
    _ => throw new ArgumentException($"--only takes one or many, not {only}."),
};

var placed = 0;
var apiPlaced = 0;
var refused = 0;
foreach (var scenario in scenarios)
{
    // Warm-up: tiered JIT with dynamic PGO needs tens of seconds of load to reach steady code (the catalog benchmark's
    // finding; on 2 busy cores placeOrder's API cost per order fell from 3.4 ms after 10 s of warm-up to 1.0-1.2 ms after
    // 30 s), PostgreSQL's caches settle; these orders count in the check like any others.
    var warm = await Load.RunAsync(concurrency, TimeSpan.FromSeconds(Option("--warmup", 30)), scenario.Place);
    placed += warm.Succeeded;
    apiPlaced += scenario.Name.StartsWith("placeOrder", StringComparison.Ordinal) ? warm.Succeeded : 0;
    refused += warm.Failed;
}

// The postmaster's pid is the first line of its pid file; the meter counts it with every backend and worker it started.
var postmaster = int.Parse(File.ReadLines(Path.Combine(cluster.DataDirectory, "cluster", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
var cpu = new CpuMeter(() => apis.Select(a => a.Id), postmaster);
var rounds = new List<LoadResult[]>();
for (var round = 1; round <= roundCount; round++)
{
    var measured = new LoadResult[scenarios.Length];
    for (var i = 0; i < scenarios.Length; i++)
    {
        if (statements)
        {
            await ExecuteAsync("SELECT pg_stat_statements_reset()");
        }

        var cpuBefore = cpu.Read();
        measured[i] = await Load.RunAsync(concurrency, duration, scenarios[i].Place);
        var cpuPerOrder = CpuMeter.PerOrder(cpuBefore, cpu.Read(), measured[i].Succeeded);
        placed += measured[i].Succeeded;
        apiPlaced += scenarios[i].Name.StartsWith("placeOrder", StringComparison.Ordinal) ? measured[i].Succeeded : 0;
        refused += measured[i].Failed;
        Print($"round {round}: {scenarios[i].Name}", measured[i]);
        Console.WriteLine($"  {"",-40} {cpuPerOrder}");
        if (statements)
        {
            await PrintStatementsAsync(measured[i].Succeeded);
        }
    }

    rounds.Add(measured);
}

Console.WriteLine();
for (var pair = 0; pair < scenarios.Length; pair += 2)
{
    var ratios = rounds.Select(r => r[pair + 1].OrdersPerSecond / r[pair].OrdersPerSecond).ToList();
    var name = scenarios[pair + 1].Name["placeOrder: ".Length..];
    Console.WriteLine($"placeOrder / raw floor, {name + ":",-15} {Median(ratios):0.00}   (target: at least 0.50; rounds {Join(ratios)})");
}

StopApis();

// Every unit that left stock is in exactly one order line and one Reservation movement, and the other way round.
var soldUnits = await ScalarAsync<long>("SELECT coalesce(sum(quantity), 0) FROM order_items");
var missingStock = await ScalarAsync<long>($"SELECT coalesce(sum({InitialStock} - stock_quantity), 0) FROM products WHERE slug LIKE 'bench-car-%'");
var reservations = await ScalarAsync<long>("SELECT coalesce(-sum(delta), 0) FROM stock_movements WHERE kind = 'Reservation'");
var orders = await ScalarAsync<long>("SELECT count(*) FROM orders");
var negative = await ScalarAsync<long>("SELECT count(*) FROM products WHERE stock_quantity < 0");
var mismatched = await ScalarAsync<long>($"""
    SELECT count(*) FROM products p
    WHERE p.slug LIKE 'bench-car-%' AND {InitialStock} - p.stock_quantity <> (SELECT coalesce(sum(i.quantity), 0) FROM order_items i WHERE i.product_id = p.id)
    """);
var razorpayOrders = razorpay.Orders.Count;
var exact = razorpayOrders == apiPlaced && orders == placed && soldUnits == placed && missingStock == placed && reservations == placed && negative == 0 && mismatched == 0 && refused == 0;
Console.WriteLine($"Check: {placed:N0} orders answered as placed, {orders:N0} in the database, {soldUnits:N0} units in their lines, {missingStock:N0} units gone from stock, " +
    $"{reservations:N0} reserved by movements, {razorpayOrders:N0} Razorpay orders for {apiPlaced:N0} placeOrder orders, {mismatched} products whose stock disagrees with their lines, {negative} below zero, {refused} refused: {(exact ? "exact" : "MISMATCH")}");
return exact ? 0 : 1;

async Task<bool> ApiAsync(int worker, int productId, long n, CancellationToken cancellationToken)
{
    var body = new
    {
        query = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { number total } payment { razorpayOrderId amountInPaise } errors { __typename } } }",
        variables = new
        {
            input = new
            {
                items = new[] { new { productId = globalIds[productId], quantity = 1 } },
                customer = new { name = "Asha Rao", email = "asha@example.com", phone = "+91 98765 43210" },
                shippingAddress = new { line1 = "12 Marine Drive", line2 = "Flat 4", city = "Mumbai", state = "MAHARASHTRA", postalCode = "400002" },
                idempotencyKey = $"bench-{runId}-{n:D12}",
            },
        },
    };
    // Two processes share the load round-robin by worker, as a balancer would spread connections.
    using var response = await http.PostAsJsonAsync(urls[worker % urls.Count], body, cancellationToken);
    using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    return response.IsSuccessStatusCode
        && !document.RootElement.TryGetProperty("errors", out _)
        && document.RootElement.GetProperty("data").GetProperty("placeOrder").GetProperty("order").ValueKind == JsonValueKind.Object
        && document.RootElement.GetProperty("data").GetProperty("placeOrder").GetProperty("payment").ValueKind == JsonValueKind.Object;
}

// The same reservation as one statement: take the unit (only if there is one), insert the order, its line, the
// movement and the timeline entry; no row back means out of stock and nothing written.
async Task<bool> FloorAsync(int productId, long n, CancellationToken cancellationToken)
{
    await using var command = floor.CreateCommand("""
        WITH reserved AS (
            UPDATE products SET stock_quantity = stock_quantity - 1, updated_at = now()
            WHERE id = $1 AND stock_quantity >= 1 AND archived_at IS NULL AND status <> 'pre_order'
            RETURNING id, name, price, stock_quantity
        ), placed AS (
            INSERT INTO orders (customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_line2, shipping_address_city,
                                shipping_address_state, shipping_address_postal_code, shipping_address_country, subtotal, shipping_fee, total,
                                payment_status, fulfilment_status, reservation_status, hold_expires_at, idempotency_key)
            SELECT 'Asha Rao', 'asha@example.com', '+919876543210', '12 Marine Drive', 'Flat 4', 'Mumbai', 'Maharashtra', '400002', 'IN',
                   price, CASE WHEN price >= 2999 THEN 0 ELSE 99 END, price + CASE WHEN price >= 2999 THEN 0 ELSE 99 END,
                   'awaiting_payment', 'unfulfilled', 'held', now() + interval '30 minutes', $2
            FROM reserved
            RETURNING id, number
        ), line AS (
            INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity)
            SELECT placed.id, reserved.id, reserved.name, reserved.price, 1 FROM placed, reserved
        ), movement AS (
            INSERT INTO stock_movements (product_id, delta, stock_after, kind, order_id, reason, actor, occurred_at)
            SELECT reserved.id, -1, reserved.stock_quantity, 'Reservation', placed.id, 'Held for the order.', 'checkout', now() FROM placed, reserved
        ), event AS (
            INSERT INTO order_events (order_id, occurred_at, actor, kind, message)
            SELECT placed.id, now(), 'Customer', 'Placed', 'Order placed.' FROM placed
        )
        SELECT number FROM placed
        """);
    command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = productId });
    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"floor-{runId}-{n:D12}" });
    return await command.ExecuteScalarAsync(cancellationToken) is string;
}

// Each statement's share of PostgreSQL's time (planning and execution) per order placed, busiest first.
async Task PrintStatementsAsync(int orders)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""
        SELECT calls, total_plan_time + total_exec_time, plans, regexp_replace(left(query, 90), '\s+', ' ', 'g')
        FROM pg_stat_statements WHERE calls > 0 ORDER BY 2 DESC LIMIT 8
        """, connection);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {reader.GetDouble(1) / Math.Max(orders, 1),7:0.000} ms/order  {reader.GetInt64(0) / (double)Math.Max(orders, 1),5:0.00} calls/order  {reader.GetInt64(2),7} plans  {reader.GetString(3)}"));
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
}

static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)));

static void Print(string name, LoadResult result) =>
    Console.WriteLine($"  {name,-40} p50 {result.P50Milliseconds,8:0.00} ms   p99 {result.P99Milliseconds,8:0.00} ms   {result.OrdersPerSecond,8:0} orders/s{(result.Failed > 0 ? $"   {result.Failed} refused" : "")}");

void StopApis() => BenchmarkHost.Stop(apis);

int Option(string name, int fallback) => BenchmarkHost.Option(args, name, fallback);

Task RunApiCommandAsync(params string[] arguments) => Api().RunCommandAsync(arguments);

Process StartApi(int port) => Api().Start(port);

ApiProcesses Api() => new(
    apiDll,
    new Dictionary<string, string>
    {
        ["ConnectionStrings__Diecast"] = connectionString,
        ["Database__MigrateOnStartup"] = "false",
        ["Database__SeedDemoData"] = "false",
        ["Jwt__SigningKey"] = signingKey,
        ["Razorpay__KeyId"] = razorpay.KeyId,
        ["Razorpay__KeySecret"] = razorpay.KeySecret,
        ["Razorpay__WebhookSecret"] = razorpay.WebhookSecret,
        ["Razorpay__BaseUrl"] = $"http://127.0.0.1:{razorpayPort}/v1/",
        // Every request comes from this one address; the limits are for shoppers, not for a load test.
        ["GraphQL__RateLimit__Enabled"] = "false",
    });

async Task<T> ScalarAsync<T>(string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    return (T)(await command.ExecuteScalarAsync())!;
}

async Task ExecuteAsync(string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}
