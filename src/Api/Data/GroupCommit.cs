using System.Threading.Channels;

namespace Diecast.Api.Data;

/// <summary>
/// Group commit: concurrent callers each submit one write and wait for its result; the writes are made in batches, one
/// round trip and one commit per batch, so the database's work per statement and per commit is shared by every write in
/// it. No timer: a batch takes whatever is queued when a writer is free (at most <c>maxBatch</c>), so a lone write goes at
/// once, and under load a batch holds the writes that arrived while the previous batches ran.
/// </summary>
/// <remarks>
/// Holds nothing another instance needs: a queued write is a caller still waiting for its answer, as a request waiting
/// for a pooled connection is. The batch function decides each write's result; if it throws, every write of the batch
/// gets that exception. Results are matched to writes by position.
/// </remarks>
/// <typeparam name="TWrite">One caller's write.</typeparam>
/// <typeparam name="TResult">What the batch function answers for one write.</typeparam>
public sealed class GroupCommit<TWrite, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Func<IReadOnlyList<TWrite>, CancellationToken, Task<IReadOnlyList<TResult>>> _writeBatch;
    private readonly int _maxBatch;
    private readonly Task[] _writers;

    /// <param name="writeBatch">
    /// Writes a batch (in one statement or transaction) and answers one result per write, in order. Its token never cancels:
    /// a write once sent is finished, so its caller learns what became of it.
    /// </param>
    /// <param name="maxBatch">The most writes in one batch.</param>
    /// <param name="writers">How many batches may be in flight at once (each on its own connection).</param>
    public GroupCommit(Func<IReadOnlyList<TWrite>, CancellationToken, Task<IReadOnlyList<TResult>>> writeBatch, int maxBatch, int writers)
    {
        ArgumentNullException.ThrowIfNull(writeBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        (_writeBatch, _maxBatch) = (writeBatch, maxBatch);
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    /// <summary>
    /// Queues <paramref name="write"/> for the next free writer and answers its result (or the batch's exception).
    /// <paramref name="cancellationToken"/> ends the wait; a write cancelled before a writer takes it is dropped, and one
    /// already taken is made all the same (its caller no longer hears of it). Throws <see cref="ObjectDisposedException"/>
    /// after disposal.
    /// </summary>
    public Task<TResult> SubmitAsync(TWrite write, CancellationToken cancellationToken)
    {
        var pending = new Pending(write, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes what is queued, then stops the writers.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var writes = new List<TWrite>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            writes.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                // Its caller gave up while it queued (a request aborted while the database was slow): nobody wants it.
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Result.TrySetCanceled(pending.CancellationToken);
                    continue;
                }

                batch.Add(pending);
                writes.Add(pending.Write);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                // A copy: the function may keep the list (a closure, a log), and this one is reused.
                var results = await _writeBatch([.. writes], CancellationToken.None);
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException($"The batch function answered {results.Count} results for {batch.Count} writes.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(results[i]);
                }
            }
            catch (Exception exception)
            {
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(exception);
                }
            }
        }
    }

    private sealed record Pending(TWrite Write, TaskCompletionSource<TResult> Result, CancellationToken CancellationToken);
}
