using Diecast.GraphQL.Querying.DataLoading;

namespace Diecast.GraphQL.Querying.Tests.DataLoading;

public sealed class BatchDataLoaderTests
{
    private static readonly int[] Keys = [3, 4, 3, 5];

    private sealed class SquaresLoader : BatchDataLoader<int, string>
    {
        public List<int[]> Batches { get; } = [];

        public bool Fail { get; init; }

        protected override Task<IReadOnlyDictionary<int, string>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
        {
            Batches.Add([.. keys]);
            if (Fail)
            {
                throw new InvalidOperationException("database down");
            }

            IReadOnlyDictionary<int, string> values = keys.Where(k => k != 13).ToDictionary(k => k, k => (k * k).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Task.FromResult(values);
        }
    }

    [Fact]
    public async Task Keys_asked_for_together_are_fetched_in_one_batch()
    {
        var loader = new SquaresLoader();
        var results = Keys.Select(loader.LoadAsync).ToList();

        var values = await Task.WhenAll(results.Select(r => r.GetResultAsync()));

        Assert.Equal(new string?[] { "9", "16", "9", "25" }, values);
        Assert.Equal([3, 4, 5], Assert.Single(loader.Batches));
    }

    [Fact]
    public async Task A_key_already_loaded_is_not_fetched_again()
    {
        var loader = new SquaresLoader();
        await loader.LoadAsync(2).GetResultAsync();

        var again = await loader.LoadAsync(2).GetResultAsync();
        var other = await loader.LoadAsync(7).GetResultAsync();

        Assert.Equal("4", again);
        Assert.Equal("49", other);
        Assert.Equal(2, loader.Batches.Count);
        Assert.Equal([7], loader.Batches[1]);
    }

    [Fact]
    public async Task A_key_with_no_value_gives_default() =>
        Assert.Null(await new SquaresLoader().LoadAsync(13).GetResultAsync());

    [Fact]
    public async Task A_failed_batch_fails_every_result_in_it()
    {
        var loader = new SquaresLoader { Fail = true };
        var first = loader.LoadAsync(1);
        var second = loader.LoadAsync(2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => first.GetResultAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.GetResultAsync());
        Assert.Single(loader.Batches);
    }
}
