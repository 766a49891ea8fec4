using System.Text.Json;
using Diecast.Api.IntegrationTests.Infrastructure;
using Diecast.Api.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>The README's directions for signing in to Banana Cake Pop, followed click by click in headless Chromium.</summary>
public sealed class BananaCakePopConnectionSettingsTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task An_admin_pastes_a_token_under_Connection_Settings_Authorization_Bearer_and_runs_an_admin_query()
    {
        var token = api.Services.GetRequiredService<AccessTokenIssuer>().Issue("asha", TimeSpan.FromMinutes(10), DiecastRoles.Admin);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var playwrightScope = playwright;
        await using var browserScope = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(api.GraphQLUrl, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GetByText("Create Document").ClickAsync();
        await page.GetByText("Schema available").WaitForAsync(new() { Timeout = 30_000 });

        // The gear beside the endpoint; the dialog's tabs are General, Authorization and HTTP Headers.
        await page.GetByRole(AriaRole.Button, new() { Name = "Connection Settings", Exact = true }).ClickAsync();
        var tabs = page.GetByRole(AriaRole.Tablist, new() { Name = "Connection Setting Sections" }).GetByRole(AriaRole.Tab);
        await tabs.First.WaitForAsync();
        Assert.Equal(["General", "Authorization", "HTTP Headers"], (await tabs.AllInnerTextsAsync()).Select(t => t.Trim()));

        await tabs.GetByText("Authorization", new() { Exact = true }).ClickAsync();
        await page.Locator("select:has(option[value='no-auth'])").SelectOptionAsync(new SelectOptionValue { Label = "Bearer" });
        await page.GetByLabel("Token", new() { Exact = true }).FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await tabs.First.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await page.GetByText("Schema available").WaitForAsync(new() { Timeout = 30_000 });

        await page.Locator(".monaco-editor").First.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync("{ orders(first: 1) { totalCount } }");
        var result = await RunAsync(page);
        var text = await result.TextAsync();
        using var body = JsonDocument.Parse(text);
        Assert.True(body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object, text);
        Assert.True(data.GetProperty("orders").GetProperty("totalCount").GetInt32() > 0, text);
    }

    /// <summary>
    /// Applying new connection settings makes the IDE fetch the schema again, and a Run pressed meanwhile can be
    /// dropped; under load that window is seconds, so Run is pressed again until the operation goes out.
    /// </summary>
    private static async Task<IResponse> RunAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await page.RunAndWaitForResponseAsync(
                    () => page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync(),
                    response => response.Request.Method == "POST" && (response.Request.PostData ?? "").Contains("orders", StringComparison.Ordinal),
                    new() { Timeout = 20_000 });
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }
}
