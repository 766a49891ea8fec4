namespace Diecast.Api.Security;

/// <summary>The "Jwt" configuration section: how admin access tokens are signed and checked.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    /// <summary>At least 32 bytes of secret (text or base64), from the environment (<c>Jwt__SigningKey</c>), never committed.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "diecast";

    public string Audience { get; set; } = "diecast-api";

    /// <summary>
    /// Every token issued before this moment (its <c>iat</c>) is refused: revokes all tokens at once, e.g. after one
    /// leaked, without changing the signing key. Unset: none is.
    /// </summary>
    public DateTimeOffset? RevokeIssuedBefore { get; set; }

    /// <summary>
    /// Without a configured key, Development keeps a generated one in this file (relative to the working folder),
    /// so the server and the <c>admin token</c> command agree with zero configuration. Production refuses to start.
    /// </summary>
    public string DevelopmentKeyFile { get; set; } = ".data/jwt-signing-key";
}
