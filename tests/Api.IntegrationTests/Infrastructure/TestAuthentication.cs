using System.Security.Claims;
using System.Text.Encodings.Web;
using Diecast.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Diecast.Api.IntegrationTests.Infrastructure;

// TEST INFRASTRUCTURE ONLY, to be replaced by real access tokens when the JWT authentication from main is merged.
// Everything about who the caller is lives in this one file: a scheme that believes two request headers, the factory
// that registers it, and the client helpers that set them. Nothing like it exists in the API itself.

/// <summary>The API with the test scheme: <c>X-Test-User: name</c> signs a user in, <c>X-Test-Admin: name</c> an admin.</summary>
public class AuthenticatedApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services
            .AddAuthentication(TestAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, _ => { }));
    }
}

public static class TestCallers
{
    /// <summary>A client whose requests are an admin's.</summary>
    public static HttpClient CreateAdminClient(this WebApplicationFactory<Program> api, string name = "admin-alice")
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthentication.AdminHeader, name);
        return client;
    }

    /// <summary>A client whose requests are a signed-in user's without any role.</summary>
    public static HttpClient CreateUserClient(this WebApplicationFactory<Program> api, string name)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthentication.UserHeader, name);
        return client;
    }
}

public sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string AdminHeader = "X-Test-Admin";
    public const string UserHeader = "X-Test-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (name, roles) = Request.Headers[AdminHeader].FirstOrDefault() is { Length: > 0 } admin
            ? (admin, new[] { DiecastRoles.Admin })
            : (Request.Headers[UserHeader].FirstOrDefault(), Array.Empty<string>());
        if (string.IsNullOrEmpty(name))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
