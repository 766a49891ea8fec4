namespace Diecast.Api.Media;

/// <summary>Deletes files orphaned for longer than Media__OrphanGraceDays, and their variants.</summary>
public sealed class MediaOrphanCleanup : BackgroundService
{
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
