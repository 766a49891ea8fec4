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
