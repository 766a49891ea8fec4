namespace Diecast.Api.Data.Seed;

/// <summary>Fills an empty database with the demo shop: every feature's <see cref="IDemoData"/>, in one transaction.</summary>
public sealed class DemoDataSeeder(IDbContextFactory<DiecastDbContext> contextFactory, IEnumerable<IDemoData> parts, ILogger<DemoDataSeeder> logger)
{
    // Any fixed number: it only has to be the same in every instance, so concurrent starts seed once.
    private const long SeedLockKey = 0x0D1EC457;

    /// <summary>
    /// How long an instance waits for another one's seed (the lock) before giving up: drawing and storing the demo
    /// pictures takes tens of seconds on a busy machine, past a command's default 30 s.
    /// </summary>
    public static readonly TimeSpan SeedLockTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Seeds unless the database already holds demo data (then only parts added since fill in theirs, see
    /// <see cref="IDemoDataUpgrade"/>). Returns whether it seeded the shop.
    /// </summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var commandTimeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(SeedLockTimeout);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancellationToken);
        db.Database.SetCommandTimeout(commandTimeout);
        foreach (var part in parts)
        {
            if (await part.ExistsAsync(db, cancellationToken))
            {
                await UpgradeAsync(db, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return false;
            }
        }

        var seeded = new List<string>();
        foreach (var part in parts)
        {
            seeded.Add(await part.SeedAsync(db, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded the demo shop: {Parts}", string.Join(", ", seeded));
        return true;
    }

    /// <summary>The shop is there: parts added since it was seeded fill in what they add (<see cref="IDemoDataUpgrade"/>).</summary>
    private async Task UpgradeAsync(DiecastDbContext db, CancellationToken cancellationToken)
    {
        foreach (var part in parts.OfType<IDemoDataUpgrade>())
        {
            if (await part.UpgradeAsync(db, cancellationToken) is { } added)
            {
                logger.LogInformation("Added to the demo shop: {Part}", added);
            }
        }
    }
}

public static class DemoDataRegistration
{
    extension(IServiceCollection services)
    {
        /// <summary>Adds a feature's part of the demo shop; parts seed in the order they are added.</summary>
        public IServiceCollection AddDemoData<TDemoData>()
            where TDemoData : class, IDemoData => services.AddTransient<IDemoData, TDemoData>();
    }
}
