using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Diecast.Api.Security;
using Diecast.GraphQL.Server.Authorization;
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
        "lives a day longer than the longest issued",
        "expires in the year 9999",
        "issued long ago, expires in a year",
        "no issued-at",
        "issued in the future",
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

    [Fact]
    public async Task A_token_issued_for_the_longest_lifetime_gets_in()
    {
        using var client = api.CreateClient();
        var token = api.Services.GetRequiredService<AccessTokenIssuer>().Issue("asha", TimeSpan.FromDays(AccessTokenIssuer.MaxDays), DiecastRoles.Admin);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var data = await client.QueryDataAsync(OrdersQuery);

        Assert.Equal(1, data.GetProperty("orders").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Tokens_issued_before_the_revocation_moment_are_refused_and_later_ones_get_in()
    {
        var now = DateTime.UtcNow;
        await using var revoked = api.WithWebHostBuilder(builder =>
            builder.UseSetting("Jwt:RevokeIssuedBefore", now.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        using var before = revoked.CreateClient();
        before.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken(issuedAt: now.AddHours(-1)));
        using var after = revoked.CreateClient();
        after.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken(issuedAt: now));

        var (refused, body) = await before.PostGraphQLAsync(OrdersQuery);
        var data = await after.QueryDataAsync(OrdersQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(FieldAuthorization.NotAuthenticated, body.FirstErrorCode());
        Assert.Equal(1, data.GetProperty("orders").GetProperty("nodes").GetArrayLength());
    }

    private static string AdminToken(DateTime issuedAt) => new JsonWebTokenHandler().CreateToken(Descriptor("asha", issuedAt, TimeSpan.FromHours(2)));

    /// <summary>What the API issues: an HS256 admin token from our issuer, for our audience, signed with the test key.</summary>
    private static SecurityTokenDescriptor Descriptor(string name, DateTime issuedAt, TimeSpan lifetime) => new()
    {
        Issuer = "diecast",
        Audience = "diecast-api",
        Subject = new ClaimsIdentity([new Claim("sub", name), new Claim("name", name), new Claim("role", DiecastRoles.Admin)]),
        IssuedAt = issuedAt,
        NotBefore = issuedAt,
        Expires = issuedAt + lifetime,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(ApiFactory.TestSigningKey)), SecurityAlgorithms.HmacSha256),
    };

    private static string BadToken(string kind)
    {
        var now = DateTime.UtcNow;
        var descriptor = Descriptor("mallory", now, TimeSpan.FromMinutes(10));
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
                descriptor.SigningCredentials = new SigningCredentials(descriptor.SigningCredentials.Key, SecurityAlgorithms.HmacSha384);
                break;
            case "garbage":
                return "this.is.not-a-token";
            case "no expiry":
                (descriptor.IssuedAt, descriptor.NotBefore, descriptor.Expires) = (null, null, null);
                return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
            case "lives a day longer than the longest issued":
                descriptor.Expires = now.AddDays(AccessTokenIssuer.MaxDays + 1);
                break;
            case "expires in the year 9999":
                descriptor.Expires = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);
                break;
            case "issued long ago, expires in a year":
                (descriptor.IssuedAt, descriptor.NotBefore, descriptor.Expires) = (now.AddDays(-400), now.AddDays(-400), now.AddDays(AccessTokenIssuer.MaxDays - 1));
                break;
            case "no issued-at":
                descriptor.IssuedAt = null;
                return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
            case "issued in the future":
                (descriptor.IssuedAt, descriptor.NotBefore) = (now.AddHours(1), now);
                break;
        }

        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(json);
}
