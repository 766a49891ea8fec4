using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Diecast.CatalogBenchmark;

/// <summary>Runs wrk (a load generator in its own process) with one POST body and reads its latency percentiles.</summary>
internal static partial class Wrk
{
    public static async Task<LoadResult> RunAsync(Uri url, string body, TimeSpan duration, int connections)
    {
        var script = Path.Combine(Path.GetTempPath(), $"diecast-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, $"""
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Accept"] = "application/graphql-response+json"
            wrk.body = [==[{body}]==]
            """);
        try
        {
            var startInfo = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--latency", "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)duration.TotalSeconds}s", "-s", script, url.ToString() })
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var wrk = Process.Start(startInfo) ?? throw new InvalidOperationException("wrk did not start.");
            var output = await wrk.StandardOutput.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            if (wrk.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk failed: {output}{await wrk.StandardError.ReadToEndAsync()}");
            }

            return Parse(output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static LoadResult Parse(string output)
    {
        double Percentile(string p) => Milliseconds(Match(output, $@"^\s+{p}%\s+([\d.]+\w+)\s*$"));
        var errors = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new LoadResult(
            Percentile("50"),
            Percentile("99"),
            double.Parse(Match(output, @"^Requests/sec:\s+([\d.]+)"), CultureInfo.InvariantCulture),
            int.Parse(Match(output, @"^\s+(\d+) requests in"), CultureInfo.InvariantCulture),
            errors);
    }

    private static string Match(string output, string pattern) =>
        Regex.Match(output, pattern, RegexOptions.Multiline) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"Unexpected wrk output (no '{pattern}'):\n{output}");

    private static double Milliseconds(string value)
    {
        var unit = UnitPattern().Match(value).Value;
        var number = double.Parse(value[..^unit.Length], CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            _ => throw new InvalidOperationException($"Unknown wrk unit in {value}"),
        };
    }

    [GeneratedRegex("[a-z]+$")]
    private static partial Regex UnitPattern();
}

internal sealed record LoadResult(double P50Milliseconds, double P99Milliseconds, double RequestsPerSecond, int Requests, int Errors);
