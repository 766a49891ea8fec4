using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Diecast.Api.Security;

/// <summary>
/// The lifetime rules a signed, unexpired token must also meet: the signature only proves that the key signed it, and
/// a key holder (or an old tool) could sign a token that lives until the year 9999.
/// </summary>
public static class AccessTokenLifetime
{
    /// <summary>Clock difference tolerated between the issuer and this server, as the bearer handler's own check.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Why <paramref name="token"/> is refused, or null: it must say when it was issued (<c>iat</c>), not in the
    /// future, not before <see cref="JwtOptions.RevokeIssuedBefore"/>, and live at most
    /// <see cref="AccessTokenIssuer.MaxDays"/> days, counted from when it was issued and from now.
    /// </summary>
    public static string? Refusal(SecurityToken token, JwtOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(options);
        if (token is not JsonWebToken jwt || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out _))
        {
            return "The token does not say when it was issued.";
        }

        var issuedAt = new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero);
        var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var maxLifetime = TimeSpan.FromDays(AccessTokenIssuer.MaxDays) + ClockSkew;
        if (issuedAt > now + ClockSkew)
        {
            return "The token was issued in the future.";
        }

        if (expires - issuedAt > maxLifetime || expires - now > maxLifetime)
        {
            return $"The token lives longer than {AccessTokenIssuer.MaxDays} days.";
        }

        return issuedAt < options.RevokeIssuedBefore ? "The token was issued before tokens were revoked." : null;
    }
}
