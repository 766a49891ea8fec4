using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Diecast.Api.Security;

/// <summary>The HMAC key admin tokens are signed with (HS256).</summary>
public static class SigningKey
{
    public const int MinimumBytes = 32;

    /// <summary>
    /// The configured key; in Development without one, a generated key kept in <see cref="JwtOptions.DevelopmentKeyFile"/>.
    /// Anywhere else a missing or short key stops the API from starting.
    /// </summary>
    public static SymmetricSecurityKey Resolve(JwtOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            return FromText(options.SigningKey);
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"No JWT signing key is configured: set {JwtOptions.Section}__SigningKey to at least {MinimumBytes} bytes of secret (e.g. `openssl rand -base64 48`).");
        }

        return new SymmetricSecurityKey(DevelopmentKey(Path.GetFullPath(options.DevelopmentKeyFile)));
    }

    private static SymmetricSecurityKey FromText(string text)
    {
        var bytes = IsBase64(text, out var decoded) ? decoded : Encoding.UTF8.GetBytes(text);
        return bytes.Length >= MinimumBytes
            ? new SymmetricSecurityKey(bytes)
            : throw new InvalidOperationException($"The JWT signing key is too short: {bytes.Length} bytes, at least {MinimumBytes} are needed.");
    }

    private static bool IsBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        var ok = Convert.TryFromBase64String(text, buffer, out var written) && written >= MinimumBytes;
        bytes = ok ? buffer[..written] : [];
        return ok;
    }

    private static byte[] DevelopmentKey(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(48);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(Convert.ToBase64String(key));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; use theirs.
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
