using Diecast.Api.Data;

namespace Diecast.Api.IntegrationTests.Data;

/// <summary>
/// GroupCommit on its own: a lone write goes at once, writes that arrive while a batch runs go together in the next one
/// (at most the batch size), a batch's failure is each of its writes' and no other's, and a write once queued is made
/// whether or not its caller still waits.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_lone_write_is_written_at_once_in_a_batch_of_its_own()
    {
        var batches = new List<IReadOnlyList<int>>();
        await using var group = new GroupCommit<int, string>(
            (batch, _) =>
            {
                lock (batches)
                {
                    batches.Add(batch);
                }

                return Task.FromResult<IReadOnlyList<string>>([.. batch.Select(w => $"wrote {w}")]);
            },
            maxBatch: 8,
            writers: 1);

        Assert.Equal("wrote 7", await group.SubmitAsync(7, default).WaitAsync(Patience));
        Assert.Equal([[7]], batches);
    }

    [Fact]
    public async Task Writes_arriving_while_a_batch_runs_go_together_in_the_next_batch_no_larger_than_the_maximum()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<IReadOnlyList<int>>();
        await using var group = new GroupCommit<int, int>(
            async (batch, _) =>
            {
                lock (batches)
                {
                    batches.Add(batch);
                }

                if (batch.Contains(0))
                {
                    firstStarted.SetResult();
                    await gate.Task;
                }

                return batch.Select(w => w * 10).ToList();
            },
            maxBatch: 4,
            writers: 1);

        var first = group.SubmitAsync(0, default);
        await firstStarted.Task.WaitAsync(Patience);
        var queued = Enumerable.Range(1, 6).Select(w => group.SubmitAsync(w, default)).ToList();
        gate.SetResult();

        Assert.Equal(0, await first.WaitAsync(Patience));
        var results = await Task.WhenAll(queued).WaitAsync(Patience);
        Assert.Equal([10, 20, 30, 40, 50, 60], results);
        Assert.Equal([[0], [1, 2, 3, 4], [5, 6]], batches);
    }

    [Fact]
    public async Task A_failed_batch_fails_each_of_its_writes_and_no_other()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var group = new GroupCommit<int, int>(
            async (batch, _) =>
            {
                if (batch.Contains(0))
                {
                    firstStarted.SetResult();
                    await gate.Task;
                    return [0];
                }

                // The second batch (1, 2) fails; the third (3) does not.
                return batch.Contains(1) ? throw new TimeoutException("The database did not answer.") : [.. batch];
            },
            maxBatch: 2,
            writers: 1);

        var first = group.SubmitAsync(0, default);
        await firstStarted.Task.WaitAsync(Patience);
        var (one, two, three) = (group.SubmitAsync(1, default), group.SubmitAsync(2, default), group.SubmitAsync(3, default));
        gate.SetResult();

        Assert.Equal(0, await first.WaitAsync(Patience));
        Assert.Equal("The database did not answer.", (await Assert.ThrowsAsync<TimeoutException>(() => one.WaitAsync(Patience))).Message);
        await Assert.ThrowsAsync<TimeoutException>(() => two.WaitAsync(Patience));
        Assert.Equal(3, await three.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_batch_function_that_answers_the_wrong_number_of_results_fails_its_writes()
    {
        await using var group = new GroupCommit<int, int>((_, _) => Task.FromResult<IReadOnlyList<int>>([]), maxBatch: 4, writers: 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => group.SubmitAsync(1, default).WaitAsync(Patience));
        Assert.Contains("0 results for 1 writes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_after_its_write_was_taken_still_has_it_made_and_one_that_gave_up_before_does_not()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new List<int>();
        await using var group = new GroupCommit<int, int>(
            async (batch, cancellationToken) =>
            {
                Assert.False(cancellationToken.CanBeCanceled);
                taken.TrySetResult();
                await gate.Task;
                lock (written)
                {
                    written.AddRange(batch);
                }

                return [.. batch];
            },
            maxBatch: 4,
            writers: 1);
        using var gaveUpLate = new CancellationTokenSource();
        using var gaveUpEarly = new CancellationTokenSource();

        var late = group.SubmitAsync(5, gaveUpLate.Token);
        await taken.Task.WaitAsync(Patience);
        var early = group.SubmitAsync(6, gaveUpEarly.Token);
        var kept = group.SubmitAsync(7, default);
        await gaveUpLate.CancelAsync();
        await gaveUpEarly.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => early);
        gate.SetResult();

        Assert.Equal(7, await kept.WaitAsync(Patience));
        Assert.Equal([5, 7], written);
    }

    [Fact]
    public async Task Several_writers_run_batches_at_once_and_disposal_finishes_what_is_queued()
    {
        var running = 0;
        var mostAtOnce = 0;
        var bothRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var group = new GroupCommit<int, int>(
            async (batch, _) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostAtOnce, now);
                if (now == 2)
                {
                    bothRunning.TrySetResult();
                }

                await bothRunning.Task.WaitAsync(Patience, CancellationToken.None);
                Interlocked.Decrement(ref running);
                return [.. batch];
            },
            maxBatch: 1,
            writers: 2);

        var writes = Enumerable.Range(0, 6).Select(w => group.SubmitAsync(w, default)).ToList();
        await group.DisposeAsync();

        var results = await Task.WhenAll(writes).WaitAsync(Patience);
        Assert.Equal([0, 1, 2, 3, 4, 5], results);
        Assert.Equal(2, mostAtOnce);
        Assert.Throws<ObjectDisposedException>(() => { _ = group.SubmitAsync(6, default); });
    }

    private static void InterlockedMax(ref int location, int value)
    {
        var seen = Volatile.Read(ref location);
        while (value > seen && Interlocked.CompareExchange(ref location, value, seen) != seen)
        {
            seen = Volatile.Read(ref location);
        }
    }
}
