using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>Keeps every log entry an API instance writes at Information or above, as the console would print it.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Text)> Entries => [.. _entries];

    /// <summary>The entries' size in UTF-8 bytes, message and exception (with its stack) included.</summary>
    public long Bytes => Entries.Sum(e => (long)System.Text.Encoding.UTF8.GetByteCount(e.Category) + System.Text.Encoding.UTF8.GetByteCount(e.Text));

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue((category, logLevel, formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception)));
            }
        }
    }
}
