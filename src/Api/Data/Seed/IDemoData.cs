namespace Diecast.Api.Data.Seed;

/// <summary>
/// A feature's part of the demo shop, registered by the feature (<c>services.AddDemoData&lt;T&gt;()</c>). The
/// <see cref="DemoDataSeeder"/> runs the parts in registration order, in one transaction, so a part may use what the
/// parts before it saved (orders refer to the catalog's products).
/// </summary>
public interface IDemoData
{
    /// <summary>Whether the database already holds this part's data; if any part does, nothing is seeded.</summary>
    Task<bool> ExistsAsync(DiecastDbContext db, CancellationToken cancellationToken);

    /// <summary>Adds and saves the part's rows. Returns what it added for the log, e.g. "75 products".</summary>
    Task<string> SeedAsync(DiecastDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// A part of the demo shop added after databases were seeded without it (the drawn product pictures): when the shop
/// is already there, <see cref="DemoDataSeeder"/> lets it fill in its own rows, under the same lock and transaction.
/// </summary>
public interface IDemoDataUpgrade : IDemoData
{
    /// <summary>Adds the part's rows to a seeded shop that lacks them; returns what it added for the log, or null when there was nothing to do.</summary>
    Task<string?> UpgradeAsync(DiecastDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// A part of the demo shop read from <c>DemoData/<see cref="FileName"/></c> in the feature's folder: rows of
/// <typeparamref name="TRow"/> that become <typeparamref name="TEntity"/>s. It exists once the table has rows.
/// </summary>
public abstract class JsonDemoData<TEntity, TRow> : IDemoData
    where TEntity : class
{
    /// <summary>The file in the feature's DemoData folder, e.g. <c>products.json</c>.</summary>
    protected abstract string FileName { get; }

    /// <summary>What the rows are, for the log: "products".</summary>
    protected abstract string Plural { get; }

    public Task<bool> ExistsAsync(DiecastDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<TEntity>().AnyAsync(cancellationToken);
    }

    public async Task<string> SeedAsync(DiecastDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await DemoDataFile.ReadAsync<TRow>(GetType(), FileName, cancellationToken);
        var entities = await ToEntitiesAsync(db, rows, cancellationToken);
        db.Set<TEntity>().AddRange(entities);
        await db.SaveChangesAsync(cancellationToken);
        return $"{entities.Count} {Plural}";
    }

    /// <summary>The entities the rows describe; <paramref name="db"/> holds what the parts before this one saved.</summary>
    protected abstract Task<List<TEntity>> ToEntitiesAsync(DiecastDbContext db, List<TRow> rows, CancellationToken cancellationToken);
}
