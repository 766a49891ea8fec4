using System.Text.RegularExpressions;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>Admins open /graphql in a browser and get Banana Cake Pop, served locally and pointed at this server.</summary>
public sealed partial class BananaCakePopTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_browser_opening_the_endpoint_is_sent_to_the_IDE()
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/graphql/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_IDE_page_and_every_asset_it_references_are_served()
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql/");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<title>Banana Cake Pop</title>", html, StringComparison.Ordinal);

        var assets = AssetReference().Matches(html).Select(m => m.Groups["path"].Value).Where(p => !p.StartsWith("http", StringComparison.Ordinal)).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var assetResponse = await client.GetAsync("/graphql/" + asset.TrimStart('.', '/'));
            Assert.True(assetResponse.StatusCode == HttpStatusCode.OK, $"{asset}: {assetResponse.StatusCode}");
            Assert.NotEmpty(await assetResponse.Content.ReadAsByteArrayAsync());
        }

        var script = await client.GetAsync("/graphql/" + assets.First(a => a.EndsWith(".js", StringComparison.Ordinal)));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", script.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_IDE_config_points_it_at_this_server()
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/graphql/bcp-config.json");
        using var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(config.RootElement.GetProperty("useBrowserUrlAsEndpoint").GetBoolean());
        Assert.True(config.RootElement.GetProperty("disableTelemetry").GetBoolean());
        Assert.Equal("Diecast", config.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_IDE_posting_to_its_own_address_reaches_the_API()
    {
        using var client = api.CreateClient();
        var response = await client.PostAsync("/graphql/", new StringContent("{\"query\":\"{ __typename }\"}", System.Text.Encoding.UTF8, "application/json"));
        var body = await GraphQLHttp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Query", body.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task The_IDE_introspection_probes_succeed()
    {
        using var client = api.CreateClient();
        foreach (var probe in IntrospectionQueries.Probes)
        {
            var data = await client.QueryDataAsync(probe);
            Assert.NotEqual(JsonValueKind.Null, data.EnumerateObject().First().Value.ValueKind);
        }
    }

    [Theory]
    [InlineData("/graphql/../appsettings.json")]
    [InlineData("/graphql/%2e%2e/appsettings.json")]
    [InlineData("/graphql/package.json")]
    [InlineData("/graphql/nope.js")]
    public async Task Nothing_outside_the_IDE_files_is_served(string path)
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("(?:src|href)=\"(?<path>[^\"]+)\"")]
    private static partial Regex AssetReference();
}
