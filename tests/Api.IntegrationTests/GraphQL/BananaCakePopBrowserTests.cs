using System.Text.Json;
using Diecast.Api.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>An admin's session in a real headless Chromium: open /graphql, create a document, run a query.</summary>
public sealed class BananaCakePopBrowserTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task An_admin_opens_the_IDE_and_runs_a_query()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var playwrightScope = playwright;
        await using var browserScope = browser;
        var page = await browser.NewPageAsync();
        var failed = new List<string>();
        page.RequestFailed += (_, request) => failed.Add($"{request.Url}: {request.Failure}");
        // The IDE must work under its Content-Security-Policy: Chromium reports each refusal on the console.
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(message.Text);
            }
        };

        await page.GotoAsync(api.GraphQLUrl, new() { WaitUntil = WaitUntilState.NetworkIdle });
        // Opening a document makes the IDE introspect the schema.
        var introspection = await page.RunAndWaitForResponseAsync(
            () => page.GetByText("Create Document").ClickAsync(),
            response => response.Request.Method == "POST" && (response.Request.PostData ?? "").Contains("__schema", StringComparison.Ordinal));
        Assert.Equal(200, introspection.Status);
        // The IDE analyses the schema before it runs anything.
        await page.GetByText("Schema available").WaitForAsync(new() { Timeout = 30_000 });

        await page.Locator(".monaco-editor").First.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        // Inserted rather than typed: typing would trigger the editor's auto-closing brackets and suggestions.
        await page.Keyboard.InsertTextAsync("{ featuredProducts { name } }");
        var result = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync(),
            response => response.Request.Method == "POST" && (response.Request.PostData ?? "").Contains("featuredProducts", StringComparison.Ordinal));

        var text = await result.TextAsync();
        using var body = JsonDocument.Parse(text);
        Assert.True(result.Status == 200 && body.RootElement.TryGetProperty("data", out _), text);
        Assert.Equal(8, body.RootElement.GetProperty("data").GetProperty("featuredProducts").GetArrayLength());
        Assert.EndsWith("Diecast", await page.TitleAsync(), StringComparison.Ordinal); // the title set in bcp-config.json
        Assert.Empty(failed);
        Assert.Empty(refused);
    }
}
