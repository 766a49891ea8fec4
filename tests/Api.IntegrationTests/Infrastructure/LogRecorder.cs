using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>Records every log entry of one API instance at or above a level, with its exception, as an operator would read it.</summary>
public sealed class LogRecorder(LogLevel minimumLevel) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly LogLevel _minimumLevel = minimumLevel;

    /// <summary>"Error Category: message" lines, followed by the exception when there is one.</summary>
    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= recorder._minimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                recorder._entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
            }
        }
    }
}
