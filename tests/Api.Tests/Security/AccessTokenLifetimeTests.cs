using System.Security.Claims;
using Diecast.Api.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Diecast.Api.Tests.Security;

/// <summary>The lifetime rules at their edges, at a fixed moment: the longest lifetime issuing allows, clock skew, revocation.</summary>
public sealed class AccessTokenLifetimeTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Longest = TimeSpan.FromDays(AccessTokenIssuer.MaxDays);

    [Fact]
    public void A_token_issued_now_for_the_longest_lifetime_is_accepted() =>
        Assert.Null(Refusal(issuedAt: Now, expires: Now + Longest));

    [Fact]
    public void A_token_living_a_minute_longer_than_the_longest_lifetime_is_refused() =>
        Assert.NotNull(Refusal(issuedAt: Now, expires: Now + Longest + TimeSpan.FromMinutes(1)));

    [Fact]
    public void A_token_issued_a_few_seconds_ahead_of_this_clock_is_accepted() =>
        Assert.Null(Refusal(issuedAt: Now.AddSeconds(20), expires: Now.AddHours(1)));

    [Fact]
    public void A_token_claiming_an_old_issue_date_to_live_longer_is_refused() =>
        Assert.NotNull(Refusal(issuedAt: Now.AddDays(-300), expires: Now.AddDays(100)));

    [Fact]
    public void A_token_issued_at_the_revocation_moment_is_accepted_and_one_a_second_before_is_not()
    {
        var options = new JwtOptions { RevokeIssuedBefore = Now.AddHours(-1) };

        Assert.Null(Refusal(issuedAt: Now.AddHours(-1), expires: Now.AddHours(1), options));
        Assert.NotNull(Refusal(issuedAt: Now.AddHours(-1).AddSeconds(-1), expires: Now.AddHours(1), options));
    }

    private static string? Refusal(DateTime issuedAt, DateTime expires, JwtOptions? options = null)
    {
        var text = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "asha")]),
            IssuedAt = issuedAt,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        });
        return AccessTokenLifetime.Refusal(new JsonWebToken(text), options ?? new JwtOptions(), Now);
    }
}
