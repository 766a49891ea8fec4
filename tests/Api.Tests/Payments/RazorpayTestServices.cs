using System.Collections.Concurrent;
using Diecast.Api.Payments.Razorpay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace Diecast.Api.Tests.Payments;

/// <summary>The Razorpay edge as the API registers it (AddRazorpay), in a container of its own, with every log line kept.</summary>
internal static class RazorpayTestServices
{
    /// <summary>Short timeouts and waits so that failure tests take milliseconds to a second or two.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastResilience = new Dictionary<string, string?>
    {
        ["Razorpay:AttemptTimeout"] = "00:00:02",
        ["Razorpay:TotalTimeout"] = "00:00:20",
        ["Razorpay:RetryDelay"] = "00:00:00.010",
        ["Razorpay:MaxRetries"] = "3",
    };

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings, string environment = "Testing", LogLines? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment, ApplicationName = "Diecast.Api", ContentRootPath = AppContext.BaseDirectory });
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddRazorpay();
        // Not ValidateOnBuild: RazorpayOrders needs the database, which these tests leave out.
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static ServiceProvider For(FakeRazorpay fake, LogLines? logs = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = fake.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        foreach (var (name, value) in FastResilience.Concat(overrides ?? new Dictionary<string, string?>()))
        {
            settings[name] = value;
        }

        return Build(settings, logs: logs);
    }
}

/// <summary>Keeps every log line (category, level, formatted message and exception) of a container.</summary>
internal sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
