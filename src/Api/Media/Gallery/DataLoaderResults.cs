using GraphQL.DataLoader;

namespace Diecast.Api.Media.Gallery;

/// <summary>Maps a data loader's pending result without waiting for it, so the batch still forms.</summary>
internal static class DataLoaderResults
{
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) => new Mapped<T, TResult>(result, map);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => map(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
