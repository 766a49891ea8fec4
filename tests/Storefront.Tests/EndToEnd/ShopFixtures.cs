namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>Two APIs and two storefronts behind YARP (<see cref="ShopCluster.StartPairAsync"/>), once for the tests of <see cref="PairCollection"/>.</summary>
public sealed class PairShop : IAsyncLifetime
{
    public ShopCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await ShopCluster.StartPairAsync();

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

/// <summary>One API with its own payment simulator and one storefront, as processes (<see cref="ShopCluster.StartSingleAsync"/>).</summary>
public sealed class SingleShop : IAsyncLifetime
{
    public ShopCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await ShopCluster.StartSingleAsync();

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PairCollection : ICollectionFixture<PairShop>
{
    public const string Name = "End to end: two of each behind YARP";
}

[CollectionDefinition(Name)]
public sealed class SingleCollection : ICollectionFixture<SingleShop>
{
    public const string Name = "End to end: one of each";
}
