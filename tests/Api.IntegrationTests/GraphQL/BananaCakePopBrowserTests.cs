using System.Text.Json;
using System.Text.RegularExpressions;
using Diecast.Api.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>An admin's session in a real headless Chromium: open /graphql, create a document, run a query.</summary>
public sealed partial class BananaCakePopBrowserTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    /// <summary>Milliseconds any one step may wait for its state on a machine busy with other tests.</summary>
    private const float Wait = 90_000;

    [Fact]
    public async Task An_admin_opens_the_IDE_and_runs_a_query()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var playwrightScope = playwright;
        await using var browserScope = browser;
        var page = await browser.NewPageAsync();
        // An upper bound, never a delay: every step below waits for the state it needs and goes on once it is there.
        page.SetDefaultTimeout(Wait);
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

        await page.GotoAsync(api.GraphQLUrl, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GetByText("Create Document").ClickAsync();
        // The IDE analyses the schema before it runs anything.
        await Expect(page.GetByText("Schema available")).ToBeVisibleAsync(new() { Timeout = Wait });
        Assert.Contains(200, introspections);

        // Keys go to whatever has focus: text inserted before the editor has it lands nowhere, and Run then sends an
        // empty document (QUERY_MISSING). So the editor's input must have focus, and the editor must show the query,
        // before Run is pressed.
        const string query = "{ featuredProducts { name } }";
        var editor = page.Locator(".monaco-editor").First;
        await editor.ClickAsync();
        await Expect(editor.Locator("textarea.inputarea")).ToBeFocusedAsync(new() { Timeout = Wait });
        await page.Keyboard.PressAsync("Control+A");
        // Inserted rather than typed: typing would trigger the editor's auto-closing brackets and suggestions.
        await page.Keyboard.InsertTextAsync(query);
        await Expect(editor.Locator(".view-lines")).ToHaveTextAsync(query, new() { Timeout = Wait });
        // By its text: while its tooltip is open the button's accessible name is the tooltip's ("Run Operation (Ctrl+Alt+⏎)").
        var run = page.GetByRole(AriaRole.Button).Filter(new() { HasTextRegex = RunButtonText() });
        await Expect(run).ToBeEnabledAsync(new() { Timeout = Wait });
        var result = await page.RunAndWaitForResponseAsync(
            () => run.ClickAsync(),
            response => response.Request.Method == "POST" && (response.Request.PostData ?? "").Contains("featuredProducts", StringComparison.Ordinal));

        var text = await result.TextAsync();
        using var body = JsonDocument.Parse(text);
        Assert.True(result.Status == 200 && body.RootElement.TryGetProperty("data", out _), text);
        Assert.Equal(8, body.RootElement.GetProperty("data").GetProperty("featuredProducts").GetArrayLength());
        Assert.EndsWith("Diecast", await page.TitleAsync(), StringComparison.Ordinal); // the title set in bcp-config.json
        Assert.Empty(failed);
        Assert.Empty(refused);
    }

    [GeneratedRegex("^Run$")]
    private static partial Regex RunButtonText();
}
