using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Diecast.Api.IntegrationTests.Infrastructure;
using Diecast.Api.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Diecast.Api.IntegrationTests.Security;

/// <summary>Only tokens this API issued, unexpired, for this audience and signed with HS256 get in; every other credential is refused.</summary>
public sealed class AccessTokenTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string OrdersQuery = "{ orders(first: 1) { nodes { number } } }";

    public static TheoryData<string> BadTokens => new()
    {
        "expired",
        "signed with another key",
        "for another audience",
        "from another issuer",
        "alg none",
        "HS384 with the right key",
        "garbage",
        "not a bearer token",
        "no expiry",
    };

    [Fact]
    public async Task An_issued_admin_token_opens_the_admin_fields()
    {
        using var client = api.CreateAdminClient();

        var data = await client.QueryDataAsync(OrdersQuery);

        Assert.Equal(1, data.GetProperty("orders").GetProperty("nodes").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_credential_is_refused_before_anything_runs(string kind)
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = kind == "not a bearer token"
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin")))
            : new AuthenticationHeaderValue("Bearer", BadToken(kind));

        // Even a public query: the caller claimed to be someone and is not.
        var (response, body) = await client.PostGraphQLAsync("{ featuredProducts { name } }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(FieldAuthorization.NotAuthenticated, body.FirstErrorCode());
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("data", out _));
    }

    private static string BadToken(string kind)
    {
        var rightKey = new SymmetricSecurityKey(Convert.FromBase64String(ApiFactory.TestSigningKey));
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "diecast",
            Audience = "diecast-api",
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("name", "mallory"), new Claim("role", DiecastRoles.Admin)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(rightKey, SecurityAlgorithms.HmacSha256),
        };
        switch (kind)
        {
            case "expired":
                (descriptor.IssuedAt, descriptor.NotBefore, descriptor.Expires) = (now.AddHours(-2), now.AddHours(-2), now.AddHours(-1));
                break;
            case "signed with another key":
                descriptor.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[48]), SecurityAlgorithms.HmacSha256);
                break;
            case "for another audience":
                descriptor.Audience = "someone-else";
                break;
            case "from another issuer":
                descriptor.Issuer = "someone-else";
                break;
            case "alg none":
                // An unsigned token: header {"alg":"none"}, claims, empty signature.
                return Base64Url("""{"alg":"none","typ":"JWT"}""") + "." + Base64Url(
                    $$"""{"sub":"mallory","role":"admin","iss":"diecast","aud":"diecast-api","exp":{{new DateTimeOffset(now.AddMinutes(10)).ToUnixTimeSeconds()}}}""") + ".";
            case "HS384 with the right key":
                descriptor.SigningCredentials = new SigningCredentials(rightKey, SecurityAlgorithms.HmacSha384);
                break;
            case "garbage":
                return "this.is.not-a-token";
            case "no expiry":
                (descriptor.IssuedAt, descriptor.NotBefore, descriptor.Expires) = (null, null, null);
                return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
        }

        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(json);
}
