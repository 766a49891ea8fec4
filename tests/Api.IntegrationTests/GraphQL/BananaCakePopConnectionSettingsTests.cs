using Diecast.Api.Security;
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
        // Sets every step's upper bound (90 s, never a delay) and records what the page sends.
        var ide = await BananaCakePopSession.OpenAsync(browser);
        var page = ide.Page;
        await ide.RecordAsync(nameof(An_admin_pastes_a_token_under_Connection_Settings_Authorization_Bearer_and_runs_an_admin_query), async () =>
        {
            await page.GotoAsync(api.GraphQLUrl, new() { WaitUntil = WaitUntilState.NetworkIdle });
            await page.GetByText("Create Document").ClickAsync();
            await page.GetByText("Schema available").WaitForAsync();

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
            await page.GetByText("Schema available").WaitForAsync();

            // Applying the settings makes the IDE fetch the schema again; Run is pressed once it is enabled again, and
            // again only if what it sent was not yet this document (BananaCakePopSession.RunAsync).
            await ide.EnterQueryAsync("{ orders(first: 1) { totalCount } }");
            var result = await ide.RunAsync("orders");
            var text = await result.TextAsync();
            using var body = JsonDocument.Parse(text);
            Assert.True(body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object, text);
            Assert.True(data.GetProperty("orders").GetProperty("totalCount").GetInt32() > 0, text);
            // bcp-config.json's header, which multipart uploads from the IDE need (the CSRF rule); JSON requests carry it too.
            Assert.Equal("1", await result.Request.HeaderValueAsync("graphql-preflight"));
        });
    }
}
