using System.Globalization;
using System.Text;
using Diecast.Api.Data.Seed;
using Npgsql;

namespace Diecast.Api.Catalog;

/// <summary>
/// Generates a large synthetic catalog for benchmarks with PostgreSQL's COPY: about a million products in seconds.
/// Rows are deterministic for a given count, so two runs measure the same data.
/// </summary>
public sealed class LargeCatalogSeeder(DatabaseConnection connection, TimeProvider time, ILogger<LargeCatalogSeeder> logger)
{
    private static readonly (string Brand, string[] Scales)[] Brands =
    [
        ("AutoArt", ["1:18", "1:43"]), ("Minichamps", ["1:18", "1:43"]), ("Hot Wheels", ["1:64"]), ("Mini GT", ["1:64"]),
        ("Kyosho", ["1:18", "1:64"]), ("Bburago", ["1:18", "1:24", "1:43"]), ("Maisto", ["1:18", "1:24"]), ("Solido", ["1:18", "1:43"]),
        ("Spark", ["1:43"]), ("Norev", ["1:18", "1:43"]), ("Tarmac Works", ["1:64"]), ("Inno64", ["1:64"]), ("Tomica", ["1:64"]),
    ];

    private static readonly (string Make, string Model, int Year, string Genre)[] Cars =
    [
        ("Porsche", "911 GT3 RS", 2023, "supercar"), ("Ferrari", "F40", 1987, "supercar"), ("Lamborghini", "Countach LP400", 1974, "classic"),
        ("Nissan", "Skyline GT-R R34", 1999, "jdm"), ("Toyota", "Supra A80", 1997, "jdm"), ("Honda", "NSX Type R", 1992, "jdm"),
        ("Ford", "Mustang Boss 429", 1969, "muscle"), ("Dodge", "Charger R/T", 1970, "muscle"), ("Chevrolet", "Camaro Z/28", 1969, "muscle"),
        ("Lancia", "Delta HF Integrale", 1992, "rally"), ("Subaru", "Impreza WRC", 2003, "rally"), ("Maruti Suzuki", "Gypsy", 1995, "rally"),
        ("McLaren", "MP4/4", 1988, "racing"), ("Mercedes-AMG", "W11", 2020, "racing"), ("Audi", "R18 e-tron", 2014, "racing"),
        ("Land Rover", "Defender 110", 1990, "off_road"), ("Mahindra", "Thar", 2020, "off_road"), ("Toyota", "Land Cruiser FJ40", 1978, "off_road"),
        ("DeLorean", "DMC-12", 1981, "movie_tv"), ("Aston Martin", "DB5", 1964, "movie_tv"), ("Pontiac", "Firebird Trans Am", 1977, "movie_tv"),
        ("Peugeot", "Onyx", 2012, "concept"), ("BMW", "Vision M Next", 2019, "concept"), ("Hindustan", "Ambassador", 1972, "classic"),
    ];

    private static readonly string[] Statuses = ["available", "available", "available", "available", "available", "available", "pre_order", "sold_out", "retired"];

    /// <summary>Adds <paramref name="count"/> generated products. Returns the elapsed time.</summary>
    public async Task<TimeSpan> SeedAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var started = time.GetTimestamp();
        // Every generated row is added at the same moment, written as COPY's text format reads a timestamptz.
        var addedAt = time.GetDatabaseUtcNow().ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture);
        await using var npgsql = new NpgsqlConnection(await connection.GetConnectionStringAsync(cancellationToken));
        await npgsql.OpenAsync(cancellationToken);

        // Slugs must be unique across runs, so each run numbers its rows after the current maximum id.
        await using var maxId = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM products", npgsql);
        var offset = Convert.ToInt64(await maxId.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using (var writer = await npgsql.BeginTextImportAsync(
            "COPY products (slug, name, brand, make, model, year, scale, genre, status, description, price, stock_quantity, images, video_url, is_featured, created_at, updated_at) FROM STDIN (FORMAT text)",
            cancellationToken))
        {
            var line = new StringBuilder(512);
            for (var i = 0; i < count; i++)
            {
                AppendRow(line.Clear(), offset + i + 1, addedAt);
                await writer.WriteAsync(line, cancellationToken);
            }
        }

        await using var analyze = new NpgsqlCommand("ANALYZE products", npgsql);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        logger.LogInformation("Generated {Count} products in {Elapsed}", count, elapsed);
        return elapsed;
    }

    private static void AppendRow(StringBuilder line, long n, string addedAt)
    {
        var (brand, scales) = Brands[n % Brands.Length];
        var (make, model, year, genre) = Cars[n / Brands.Length % Cars.Length];
        var scale = scales[n % scales.Length];
        var edition = n / (Brands.Length * Cars.Length);
        var slug = Slugs.From($"{brand} {make} {model} {scale} {n}");
        var name = $"{make} {model} ({year}) {scale} #{edition}";
        var status = Statuses[n * 7 % Statuses.Length];
        // Prices between ₹149.00 and ₹34,999.00, whole paise, spread evenly by a multiplicative hash.
        var paise = 14_900 + (n * 2_654_435_761 % 3_485_000);
        var price = (paise / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        var stock = status is "sold_out" or "retired" or "pre_order" ? 0 : n % 40;
        var invariant = CultureInfo.InvariantCulture;
        line.Append(invariant, $"{slug}\t{name}\t{brand}\t{make}\t{model}\t{year}\t{scale}\t{genre}\t{status}\t")
            .Append(invariant, $"A {scale} {brand} model of the {year} {make} {model}. Edition {edition}.\t{price}\t{stock}\t")
            .Append(invariant, $"{{https://cdn.diecast.in/products/{slug}/1.jpg}}\t\\N\t{(n % 997 == 0 ? "t" : "f")}\t{addedAt}\t{addedAt}\n");
    }
}
