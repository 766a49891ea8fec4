using GraphQL.DataLoader;

namespace Diecast.GraphQL.Querying.DataLoading;

/// <summary>
/// Collects the keys that sibling resolvers ask for and fetches them in one batch when GraphQL.NET first needs a
/// result, so a list of N parents costs one query for their children, not N. One instance serves one request:
/// register loaders as scoped services.
/// </summary>
public abstract class BatchDataLoader<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Task<TValue?>> _loaded = [];
    private List<(TKey Key, TaskCompletionSource<TValue?> Result)> _pending = [];

    /// <summary>A result that the batch fills in: default when the batch has nothing for the key.</summary>
    public IDataLoaderResult<TValue?> LoadAsync(TKey key)
    {
        lock (_gate)
        {
            if (!_loaded.TryGetValue(key, out var task))
            {
                var completion = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending.Add((key, completion));
                _loaded[key] = task = completion.Task;
            }

            return new Result(this, task);
        }
    }

    /// <summary>Fetches every key of a batch at once. Keys with no value may be left out.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken);

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<(TKey Key, TaskCompletionSource<TValue?> Result)> batch;
        lock (_gate)
        {
            (batch, _pending) = (_pending, []);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            var values = await FetchAsync([.. batch.Select(p => p.Key).Distinct()], cancellationToken);
            foreach (var (key, result) in batch)
            {
                result.TrySetResult(values.TryGetValue(key, out var value) ? value : default);
            }
        }
        catch (Exception exception)
        {
            foreach (var (_, result) in batch)
            {
                result.TrySetException(exception);
            }

            throw;
        }
    }

    private sealed class Result(BatchDataLoader<TKey, TValue> loader, Task<TValue?> task) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!task.IsCompleted)
            {
                await loader.DispatchAsync(cancellationToken);
            }

            return await task;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
