using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

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
        var ide = await BananaCakePopSession.OpenAsync(browser);
        var page = ide.Page;
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

        // Introspection responses are collected from the start, not awaited as the answer to the click: when the IDE
        // fetches the schema is its own business, and on a busy machine that wait timed out before the click's response.
        var introspections = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST" && (response.Request.PostData ?? "").Contains("__schema", StringComparison.Ordinal))
            {
                introspections.Add(response.Status);
            }
        };

        await ide.RecordAsync(nameof(An_admin_opens_the_IDE_and_runs_a_query), async () =>
        {
            await page.GotoAsync(api.GraphQLUrl, new() { WaitUntil = WaitUntilState.NetworkIdle });
            await page.GetByText("Create Document").ClickAsync();
            // The IDE analyses the schema before it runs anything.
            await Expect(page.GetByText("Schema available")).ToBeVisibleAsync(new() { Timeout = BananaCakePopSession.Wait });
            Assert.Contains(200, introspections);

            const string query = "{ featuredProducts { name } }";
            await ide.EnterQueryAsync(query);
            var result = await ide.RunAsync("featuredProducts");

            var text = await result.TextAsync();
            using var body = JsonDocument.Parse(text);
            Assert.True(result.Status == 200 && body.RootElement.TryGetProperty("data", out _), text);
            Assert.Equal(8, body.RootElement.GetProperty("data").GetProperty("featuredProducts").GetArrayLength());
            Assert.EndsWith("Diecast", await page.TitleAsync(), StringComparison.Ordinal); // the title set in bcp-config.json
            Assert.Empty(failed);
            Assert.Empty(refused);
        });
    }
}
