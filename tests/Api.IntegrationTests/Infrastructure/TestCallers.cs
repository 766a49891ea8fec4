using System.Net.Http.Headers;
using Diecast.Api.Security;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>Clients that call as someone: with a real access token, issued by the instance under test.</summary>
public static class TestCallers
{
    /// <summary>A client that sends a token for <paramref name="name"/> carrying <paramref name="roles"/>.</summary>
    public static HttpClient CreateClientAs(this WebApplicationFactory<Program> api, string name, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(api);
        var token = api.Services.GetRequiredService<AccessTokenIssuer>().Issue(name, TimeSpan.FromMinutes(10), roles);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client for shop staff.</summary>
    public static HttpClient CreateAdminClient(this WebApplicationFactory<Program> api, string name = "test-admin") =>
        api.CreateClientAs(name, DiecastRoles.Admin);
}
