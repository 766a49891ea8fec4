using System.Diagnostics;
using Diecast.Storefront.Seo;
using Microsoft.Extensions.Hosting.Internal;

namespace Diecast.Storefront.Tests.Seo;

/// <summary>
/// Storefront__PublicBaseUrl is required outside Development: without it what search engines read would take its origin
/// from the Host header any client sends. The storefront refuses to start, as the API does: exit code 3 and one line
/// per problem naming the variable.
/// </summary>
public sealed class PublicBaseUrlTests
{
    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Development", null, true)]
    [InlineData("Production", "https://diecast.in", true)]
    [InlineData("Production", "http://127.0.0.1:6400", true)]
    [InlineData("Production", "diecast.in", false)] // relative: no scheme
    [InlineData("Production", "/shop", false)]
    [InlineData("Production", "ftp://diecast.in", false)]
    [InlineData("Production", "https://user:secret@diecast.in", false)]
    [InlineData("Development", "javascript:alert(1)", false)]
    public void The_public_origin_is_an_absolute_http_URL_required_outside_Development(string environment, string? url, bool valid)
    {
        var validation = new PublicBaseUrlValidation(new HostingEnvironment { EnvironmentName = environment });
        var options = new StorefrontOptions { PublicBaseUrl = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute) };

        var result = validation.Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Storefront__PublicBaseUrl", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("not a url", "must be an absolute http or https origin")]
    public async Task Without_a_usable_one_a_production_storefront_exits_with_code_3_and_says_why(string? url, string message)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Diecast.Storefront.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DiecastApi__Endpoint"] = "http://127.0.0.1:9/graphql";
        start.Environment.Remove("Storefront__PublicBaseUrl");
        if (url is not null)
        {
            start.Environment["Storefront__PublicBaseUrl"] = url;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(3, process.ExitCode);
        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var problem = Assert.Single(lines, l => l.Contains("Storefront__PublicBaseUrl", StringComparison.Ordinal));
        Assert.Contains(message, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await error, StringComparison.Ordinal); // no stack trace
        _ = await output;
    }
}
