using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Diecast.Api.Storefront;

/// <summary>
/// Relays the database's storefront notifications (channel <see cref="Channel"/>) to every subscriber of this instance.
/// It holds one connection that LISTENs, opened when the first storefront subscribes (so a host nobody subscribes to,
/// every test host for one, holds none), reopened with backoff when it breaks. Subscribers only ever hear a stream
/// without gaps: when the connection breaks, every subscription ends, so each storefront reconnects and evicts all it
/// has cached, since notifications sent while nobody listened are lost. A subscriber too slow to keep up is ended the
/// same way rather than skipping events.
/// </summary>
public sealed class StorefrontEventRelay(
    DatabaseConnection database, TimeProvider time, IOptions<StorefrontEventsOptions> options, ILogger<StorefrontEventRelay> logger)
    : IAsyncDisposable
{
    /// <summary>The PostgreSQL notification channel the migration's triggers notify.</summary>
    public const string Channel = "diecast_storefront";

    /// <summary>Events a subscriber may have waiting before it is ended as too slow.</summary>
    private const int SubscriberBuffer = 1024;

    private readonly Lock _lock = new();
    private readonly List<Channel<string>> _subscribers = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    /// <summary>Subscribers now connected to this instance.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>
    /// Adds a subscriber and waits until this instance listens, so that everything committed after the returned
    /// subscription exists reaches it. Null when <see cref="StorefrontEventsOptions.MaxSubscribers"/> are connected
    /// already. Throws <see cref="TimeoutException"/> when the database cannot be listened to in time.
    /// </summary>
    public async Task<ChannelReader<string>?> SubscribeAsync(CancellationToken cancellationToken)
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<string>(new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true });
        Task listening;
        lock (_lock)
        {
            if (_subscribers.Count >= options.Value.MaxSubscribers)
            {
                return null;
            }

            _subscribers.Add(channel);
            _loop ??= Task.Run(() => ListenLoopAsync(_stopping.Token), CancellationToken.None);
            listening = _listening.Task;
        }

        try
        {
            await listening.WaitAsync(TimeSpan.FromSeconds(options.Value.ListenWaitSeconds), time, cancellationToken);
            return channel.Reader;
        }
        catch
        {
            Unsubscribe(channel.Reader);
            throw;
        }
    }

    /// <summary>Removes a subscriber (its stream ended).</summary>
    public void Unsubscribe(ChannelReader<string> reader)
    {
        lock (_lock)
        {
            _subscribers.RemoveAll(c => c.Reader == reader);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        EndAll();
        _stopping.Dispose();
    }

    private async Task ListenLoopAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Listening for storefront events failed; subscribers are disconnected, trying again in {Seconds} s", backoff.TotalSeconds);
            }

            EndAll();
            try
            {
                await Task.Delay(backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Its own unpooled connection: a LISTENing session must never go back to a pool for others to use.
        var settings = new NpgsqlConnectionStringBuilder(await database.GetConnectionStringAsync(stoppingToken))
        {
            Pooling = false,
            ApplicationName = "diecast-storefront-events",
        };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        connection.Notification += (_, e) => Publish(e.Payload);
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        logger.LogInformation("Relaying storefront events from PostgreSQL channel {Channel}", Channel);
        lock (_lock)
        {
            _listening.TrySetResult();
        }

        var heartbeat = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        while (true)
        {
            // A quiet channel is checked with a round trip now and then: a connection that died silently shows up here.
            if (!await connection.WaitAsync(heartbeat, stoppingToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stoppingToken);
            }
        }
    }

    private void Publish(string payload)
    {
        // The triggers write one-line JSON; a line break would end the SSE event early, so none passes.
        var line = payload.ReplaceLineEndings(" ");
        lock (_lock)
        {
            foreach (var subscriber in _subscribers.ToArray())
            {
                if (!subscriber.Writer.TryWrite(line))
                {
                    logger.LogWarning("A storefront subscriber fell {Count} events behind; ending its stream so it reconnects and evicts everything", SubscriberBuffer);
                    subscriber.Writer.TryComplete();
                    _subscribers.Remove(subscriber);
                }
            }
        }
    }

    /// <summary>Ends every subscription (they missed or may miss events) and waits for the next LISTEN.</summary>
    private void EndAll()
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }

            _subscribers.Clear();
            if (_listening.Task.IsCompleted)
            {
                _listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
