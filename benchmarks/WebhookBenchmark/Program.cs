using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Diecast.Benchmarks;
using static Diecast.Benchmarks.BenchmarkHost;

// The webhook benchmark (./benchmark-checkout.sh): two API processes (Release, Production settings) on one private
// PostgreSQL, and concurrent senders posting correctly signed Razorpay webhooks to both, 20% of them duplicates
// (the same event id and body again, as Razorpay's at-least-once delivery does). Prints deliveries/s and p50/p99 of
// the acknowledgements, how long the workers took to apply everything, and checks the final state exactly: every
// order paid once, every event stored and processed once.
var orderCount = Option("--orders", 3000);
var senders = Option("--senders", 32);
var duplicateShare = Option("--duplicate-percent", 20) / 100.0;
// Orders whose events are sent, and applied, before the measured run: a fresh API runs its first seconds on unoptimised
// code (tiered JIT), which is not what Razorpay meets on a server that has been up for a day.
var warmupOrders = Option("--warmup-orders", 6000);
var workers = Option("--workers", 2);
var root = FindRepositoryRoot();
var apiDll = Path.Combine(root, "src", "Api", "bin", "Release", "net10.0", "Diecast.Api.dll");
if (!File.Exists(apiDll))
{
    Console.Error.WriteLine($"Build the API in Release first ({apiDll} is missing): ./benchmark-checkout.sh does.");
    return 1;
}

const string WebhookSecret = "benchmark-webhook-secret-0123456789";
var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
Console.WriteLine($"Webhook benchmark: {orderCount:N0} orders, 2 events each, {duplicateShare:P0} duplicates, {senders} senders, 2 API instances with {workers} inbox worker(s) each, {warmupOrders:N0} warm-up orders, {Environment.ProcessorCount} cores");
const string database = "diecast_webhook_benchmark";
var (cluster, connectionString) = await StartFreshDatabaseAsync(root, database);
await using var ownedCluster = cluster;
await RunApiCommandAsync("database", "migrate");

// Orders waiting for payment, each holding one unit of one of 50 products with plenty of stock (all on one product would
// measure that product's row lock, which every sale takes, rather than the webhook path).
await ExecuteAsync("""
    INSERT INTO products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, is_featured)
    SELECT 'webhook-benchmark-car-' || g, 'Benchmark Car ' || g, 'Mini GT', 'Tata', 'Nexon', 2024, '1:64', 'classic', 'available', 'A car.', 999.00, 100000,
           ARRAY['https://img.example.com/a.jpg'], false
    FROM generate_series(1, 50) AS g;
    """);
// The measured orders (WB-…) and the warm-up's (WW-…), alike.
await SeedOrdersAsync("WB", "wb", orderCount);
await SeedOrdersAsync("WW", "ww", warmupOrders);

// Per order: payment.authorized and payment.captured, then a share of all events sent a second time; shuffled, so
// captures overtake authorisations and duplicates race their originals.
var (unique, deliveries) = Deliveries("wb", orderCount);
var (_, warmupDeliveries) = Deliveries("ww", warmupOrders);

var ports = new[] { FreePort(), FreePort() };
var apis = ports.Select(StartApi).ToArray();
AppDomain.CurrentDomain.ProcessExit += (_, _) => StopApis();
foreach (var port in ports)
{
    await WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/health/live"));
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = senders }) { Timeout = TimeSpan.FromSeconds(30) };
// Warm-up: the warm-up orders' deliveries, sent as the measured ones are, and applied, before the clock starts.
if (warmupDeliveries.Length > 0)
{
    var warmup = Stopwatch.StartNew();
    await SendAllAsync(warmupDeliveries, new double[warmupDeliveries.Length]);
    await DrainAsync();
    Console.WriteLine($"  warm-up:                    {warmupDeliveries.Length:N0} deliveries for {warmupOrders:N0} other orders, sent and applied in {warmup.Elapsed.TotalSeconds:0.0} s");
}

var latencies = new double[deliveries.Length];
var clock = Stopwatch.StartNew();
var failures = await SendAllAsync(deliveries, latencies);
var sendSeconds = clock.Elapsed.TotalSeconds;

// The workers drain the inbox after the acknowledgements; waiting on the database's own count of what is left.
await DrainAsync();
var appliedSeconds = clock.Elapsed.TotalSeconds;
StopApis();

Array.Sort(latencies);
Console.WriteLine();
Console.WriteLine($"  deliveries sent:            {deliveries.Length:N0} ({unique.Count:N0} unique events, {deliveries.Length - unique.Count:N0} duplicates), {failures} not acknowledged with 200");
Console.WriteLine($"  acknowledged:               {deliveries.Length / sendSeconds:N0} deliveries/s   p50 {Percentile(0.50):0.00} ms   p99 {Percentile(0.99):0.00} ms   (target: at least 1,000/s)");
Console.WriteLine($"  all applied after:          {appliedSeconds:0.00} s from the first delivery ({unique.Count / appliedSeconds:N0} events/s end to end)");

// The final state, exactly.
var checks = new (string What, string Sql, long Expected)[]
{
    ("inbox rows = unique events", "SELECT count(*) FROM razorpay_webhook_events WHERE event_id LIKE 'evt_wb_%'", unique.Count),
    ("events processed once", "SELECT count(*) FROM razorpay_webhook_events WHERE event_id LIKE 'evt_wb_%' AND processed_at IS NOT NULL AND attempts = 1", unique.Count),
    ("orders paid", "SELECT count(*) FROM orders WHERE number LIKE 'WB-%' AND payment_status = 'paid' AND amount_paid = total AND reservation_status = 'sold'", orderCount),
    ("capture events, one per order", "SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.number LIKE 'WB-%' AND e.kind = 'PaymentCaptured'", orderCount),
    ("orders with more than one capture event", "SELECT count(*) FROM (SELECT order_id FROM order_events WHERE kind = 'PaymentCaptured' GROUP BY order_id HAVING count(*) > 1) d", 0),
    ("payment rows, captured", "SELECT count(*) FROM payments WHERE razorpay_payment_id LIKE 'pay_wb%' AND status = 'Captured'", orderCount),
    ("stock untouched by the sales (held units became sold)", "SELECT sum(stock_quantity)::bigint FROM products WHERE slug LIKE 'webhook-benchmark-car-%'", 50 * 100000),
    ("sale movements, one per order", "SELECT count(*) FROM stock_movements m JOIN orders o ON o.id = m.order_id WHERE o.number LIKE 'WB-%' AND m.kind = 'Sale'", orderCount),
};
var wrong = 0;
foreach (var (what, sql, expected) in checks)
{
    var actual = await ScalarAsync<long>(sql);
    wrong += actual == expected ? 0 : 1;
    Console.WriteLine($"  {(actual == expected ? "ok  " : "FAIL")} {what}: {actual:N0} (expected {expected:N0})");
}

return wrong == 0 && failures == 0 ? 0 : 1;

double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];

// Sends every delivery from `senders` concurrent senders, each to either instance as a load balancer would; returns how
// many were not acknowledged with 200, and each delivery's acknowledgement time in `latencies`.
async Task<int> SendAllAsync((string EventId, byte[] Body, string Signature)[] batch, double[] latencies)
{
    var failed = 0;
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
    {
        int index;
        while ((index = Interlocked.Increment(ref next)) < batch.Length)
        {
            var (eventId, body, signature) = batch[index];
            var started = Stopwatch.GetTimestamp();
            var ok = await SendAsync(ports[index % 2], eventId, body, signature);
            latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!ok)
            {
                Interlocked.Increment(ref failed);
            }
        }
    }));
    return failed;
}

async Task DrainAsync()
{
    var drainClock = Stopwatch.StartNew();
    while (await ScalarAsync<long>("SELECT count(*) FROM razorpay_webhook_events WHERE processed_at IS NULL") > 0 && drainClock.Elapsed < TimeSpan.FromMinutes(5))
    {
        await Task.Delay(100);
    }
}

(List<(string EventId, byte[] Body, string Signature)> Unique, (string EventId, byte[] Body, string Signature)[] Deliveries) Deliveries(string tag, int count)
{
    var events = new List<(string EventId, byte[] Body, string Signature)>();
    for (var i = 1; i <= count; i++)
    {
        var razorpayOrderId = $"order_{tag}{i:D10}";
        var paymentId = $"pay_{tag}{i:D10}";
        foreach (var (eventName, status) in new[] { ("payment.authorized", "authorized"), ("payment.captured", "captured") })
        {
            var body = Encoding.UTF8.GetBytes($$$$"""{"entity":"event","account_id":"acc_bench","event":"{{{{eventName}}}}","contains":["payment"],"payload":{"payment":{"entity":{"id":"{{{{paymentId}}}}","entity":"payment","amount":104900,"currency":"INR","status":"{{{{status}}}}","order_id":"{{{{razorpayOrderId}}}}","method":"upi","amount_refunded":0,"captured":{{{{(status == "captured" ? "true" : "false")}}}},"notes":[],"error_code":null,"error_description":null,"created_at":1764500000}}},"created_at":1764500001}""");
            events.Add(($"evt_{tag}_{eventName}_{i}", body, Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body))));
        }
    }

    var random = new Random(12);
    var all = events.Concat(events.OrderBy(_ => random.Next()).Take((int)(events.Count * duplicateShare / (1 - duplicateShare)))).OrderBy(_ => random.Next()).ToArray();
    return (events, all);
}

// Orders awaiting payment (numbers PREFIX-n, Razorpay orders order_{tag}n), each holding one unit of one of 50 products
// with plenty of stock (all on one product would measure that product's row lock, which every sale takes, rather than
// the webhook path).
Task SeedOrdersAsync(string prefix, string tag, int count) => ExecuteAsync($"""
    INSERT INTO orders (number, customer_name, customer_email, customer_phone, shipping_address_line1, shipping_address_line2, shipping_address_city,
                        shipping_address_state, shipping_address_postal_code, shipping_address_country, subtotal, shipping_fee, total, razorpay_order_id,
                        payment_status, fulfilment_status, reservation_status, hold_expires_at)
    SELECT '{prefix}-' || g, 'Asha Rao', 'asha@example.com', '+919876543210', '12 MG Road', NULL, 'Bengaluru', 'Karnataka', '560001', 'IN',
           999.00, 50.00, 1049.00, 'order_{tag}' || lpad(g::text, 10, '0'), 'awaiting_payment', 'unfulfilled', 'held', now() + interval '1 day'
    FROM generate_series(1, {count}) AS g;
    INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity)
    SELECT o.id, p.id, p.name, 999.00, 1 FROM orders o
    JOIN products p ON p.slug = 'webhook-benchmark-car-' || (1 + substring(o.number FROM 4)::int % 50)
    WHERE o.number LIKE '{prefix}-%';
    INSERT INTO stock_movements (product_id, order_id, kind, delta, stock_after, reason, actor, occurred_at)
    SELECT i.product_id, i.order_id, 'Reservation', -1, 100000, 'Held for the benchmark.', 'checkout', now()
    FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.number LIKE '{prefix}-%';
    """);

async Task<bool> SendAsync(int port, string eventId, byte[] body, string signature)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/api/webhooks/razorpay") { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Headers.Add("X-Razorpay-Signature", signature);
    request.Headers.Add("X-Razorpay-Event-Id", eventId);
    using var response = await http.SendAsync(request);
    return response.StatusCode == System.Net.HttpStatusCode.OK;
}

void StopApis() => BenchmarkHost.Stop(apis);

int Option(string name, int fallback) => BenchmarkHost.Option(args, name, fallback);

Task RunApiCommandAsync(params string[] arguments) => Api().RunCommandAsync(arguments);

Process StartApi(int port) => Api().Start(port);

ApiProcesses Api() => new(
    apiDll,
    new Dictionary<string, string>
    {
        ["ConnectionStrings__Diecast"] = connectionString,
        ["Jwt__SigningKey"] = signingKey,
        // Production needs keys; nothing here calls Razorpay (captures within the window need no call).
        ["Razorpay__KeyId"] = "rzp_test_benchmark",
        ["Razorpay__KeySecret"] = "benchmark-key-secret",
        ["Razorpay__WebhookSecret"] = WebhookSecret,
        ["Razorpay__BaseUrl"] = "http://127.0.0.1:9/",
        ["Payments__ReconciliationEnabled"] = "false",
        ["Payments__WebhookWorkers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

async Task ExecuteAsync(string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    return (T)(await command.ExecuteScalarAsync())!;
}
