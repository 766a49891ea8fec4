using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Diecast.Api.Security;

/// <summary>Issues signed access tokens (JWT, HS256) that this API's bearer authentication accepts.</summary>
public sealed class AccessTokenIssuer(IOptions<JwtOptions> options, SymmetricSecurityKey key, TimeProvider time)
{
    public const int MaxDays = 365;

    /// <summary>A token for <paramref name="name"/> carrying <paramref name="roles"/>, valid for <paramref name="lifetime"/>.</summary>
    public string Issue(string name, TimeSpan lifetime, params string[] roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(roles);
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(MaxDays))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), $"A token lives between a moment and {MaxDays} days.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, name), new(JwtRegisteredClaimNames.Name, name), new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")) };
        claims.AddRange(roles.Select(role => new Claim(AccessTokenClaims.Role, role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}

/// <summary>Claim names as they appear in our tokens (inbound claims are not remapped to WS-* URIs).</summary>
public static class AccessTokenClaims
{
    public const string Role = "role";

    public const string Name = JwtRegisteredClaimNames.Name;
}
