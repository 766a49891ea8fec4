using System.Collections.Concurrent;
using Diecast.Api.Catalog;
using Npgsql;

namespace Diecast.Api.Checkout;

/// <summary>What checkout reads of a product: the price and name it snapshots, and what decides whether it is for sale.</summary>
public sealed record CatalogLine(int Id, string Name, decimal Price, CollectionStatus Status, int StockQuantity, bool Archived);

/// <summary>
/// The catalog lines placeOrder prices orders with: read from PostgreSQL, and remembered on this instance for
/// <see cref="Freshness"/> so that a busy product's next order skips the read (one round trip fewer on the checkout's
/// hottest path).
/// </summary>
/// <remarks>
/// Never the source of truth, so nothing another instance needs lives here: <see cref="Orders.OrderStock.PlaceAsync"/>
/// checks every line's name, price and status under the row lock and writes nothing when one changed; placeOrder then
/// forgets the lines and reads them afresh. A remembered line is only used when it says every line can be sold; a
/// refusal (unknown, archived, SOLD_OUT, RETIRED, short) is always decided on a fresh read or by the placement itself.
/// Bounded by the catalog: only products that exist are remembered.
/// </remarks>
public sealed class CheckoutCatalog(TimeProvider time)
{
    /// <summary>How long a remembered line is used before it is read again.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, (CatalogLine Line, DateTimeOffset ReadAt)> _lines = new();

    /// <summary>
    /// The remembered lines for <paramref name="quantities"/> (product id → units), when every one is fresh and can be
    /// sold in that quantity; otherwise null, and the caller reads them with <see cref="ReadAsync"/>.
    /// </summary>
    public Dictionary<int, CatalogLine>? Sellable(IReadOnlyDictionary<int, int> quantities)
    {
        var now = time.GetUtcNow();
        var lines = new Dictionary<int, CatalogLine>(quantities.Count);
        foreach (var (productId, quantity) in quantities)
        {
            if (!_lines.TryGetValue(productId, out var remembered) || now - remembered.ReadAt >= Freshness
                || CartPricing.Judge(remembered.Line, quantity) != LineVerdict.Sellable)
            {
                return null;
            }

            lines[productId] = remembered.Line;
        }

        return lines;
    }

    /// <summary>Reads the lines of <paramref name="productIds"/> from the database (archived products included) and remembers them.</summary>
    public async Task<Dictionary<int, CatalogLine>> ReadAsync(DiecastDbContext db, IReadOnlyCollection<int> productIds, CancellationToken cancellationToken)
    {
        var readAt = time.GetUtcNow();
        // Sent without EF Core, on one generic plan (DirectCommands): a busy catalog sends this for every product every
        // Freshness, and EF Core's work and PostgreSQL's planning of `= ANY($1)` each cost more than the read.
        var lines = await db.Database.QueryAsync(
            "SELECT id, name, price, status, stock_quantity, archived_at IS NOT NULL FROM products WHERE id = ANY($1)",
            [DirectCommands.Value(productIds as int[] ?? [.. productIds])],
            ReadLinesAsync,
            genericPlan: true,
            cancellationToken);
        foreach (var line in lines.Values)
        {
            _lines[line.Id] = (line, readAt);
        }

        return lines;
    }

    private static async Task<Dictionary<int, CatalogLine>> ReadLinesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var lines = new Dictionary<int, CatalogLine>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = new CatalogLine(
                reader.GetInt32(0), reader.GetString(1), reader.GetDecimal(2), reader.GetFieldValue<CollectionStatus>(3), reader.GetInt32(4), reader.GetBoolean(5));
            lines[line.Id] = line;
        }

        return lines;
    }

    /// <summary>
    /// Reads the whole products of <paramref name="productIds"/> (archived included) in one statement, for a checkout
    /// quote that shows them as well as prices them, and remembers their lines as <see cref="ReadAsync"/> does.
    /// </summary>
    public async Task<Dictionary<int, Product>> ReadProductsAsync(DiecastDbContext db, IReadOnlyCollection<int> productIds, CancellationToken cancellationToken)
    {
        var readAt = time.GetUtcNow();
        var products = await db.Products.IgnoreQueryFilters().AsNoTracking()
            .Where(p => productIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var product in products.Values)
        {
            _lines[product.Id] = (LineOf(product), readAt);
        }

        return products;
    }

    /// <summary>What checkout reads of <paramref name="product"/>.</summary>
    public static CatalogLine LineOf(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new CatalogLine(product.Id, product.Name, product.Price, product.Status, product.StockQuantity, product.ArchivedAt != null);
    }

    /// <summary>Forgets the lines of <paramref name="productIds"/>: the database said they changed.</summary>
    public void Forget(IEnumerable<int> productIds)
    {
        foreach (var productId in productIds)
        {
            _lines.TryRemove(productId, out _);
        }
    }
}
