using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Diecast.Storefront.Cart;

/// <summary>
/// Where the storefront's Data Protection keys live (configuration section "Storefront": <c>Storefront__DataProtectionKeysPath</c>
/// and the certificate settings). The keys seal the cart cookie and the antiforgery tokens; every instance must read the
/// same folder (a shared volume), since the storefront has no database. The application name is fixed, so instances
/// in different folders or containers on one key folder open each other's cookies.
/// </summary>
public sealed class StorefrontKeyRing
{
    public const string Section = "Storefront";

    /// <summary>The application name every storefront instance shares (Data Protection isolates apps by it).</summary>
    public const string ApplicationName = "Diecast.Storefront";

    /// <summary>The key folder, relative to the working folder; created if missing. Default <c>.data/storefront-keys</c> (git-ignored).</summary>
    public string DataProtectionKeysPath { get; set; } = ".data/storefront-keys";

    /// <summary>A .pfx (RSA certificate with private key) that encrypts the keys at rest; every instance needs the same file. Unset: stored unencrypted.</summary>
    public string? DataProtectionCertificatePath { get; set; }

    /// <summary>That .pfx file's password (<c>Storefront__DataProtectionCertificatePassword</c>).</summary>
    public string? DataProtectionCertificatePassword { get; set; }

    /// <summary>Data Protection on the shared key folder, encrypted with the certificate when one is configured.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(Section).Get<StorefrontKeyRing>() ?? new StorefrontKeyRing();
        var folder = new DirectoryInfo(Path.GetFullPath(settings.DataProtectionKeysPath));
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToFileSystem(folder);
        if (string.IsNullOrEmpty(settings.DataProtectionCertificatePath))
        {
            // The framework warns of each key it creates unencrypted; outside Development one warning at start says it
            // (as the API does for its key ring), and how to change it.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
            if (!builder.Environment.IsDevelopment())
            {
                builder.Services.AddHostedService<UnencryptedKeysWarning>();
            }

            return;
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(settings.DataProtectionCertificatePath), settings.DataProtectionCertificatePassword);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The storefront's Data Protection certificate {settings.DataProtectionCertificatePath} has no private key: keys it encrypts could not be read back.");
        }

        dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    /// <summary>Says once at start, outside Development, that the keys are stored unencrypted and how to change that.</summary>
    private sealed class UnencryptedKeysWarning(ILogger<StorefrontKeyRing> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(
                "Storefront Data Protection keys (they seal cart cookies and antiforgery tokens) are stored unencrypted: set {Section}__DataProtectionCertificatePath and {Section}__DataProtectionCertificatePassword to a .pfx certificate to encrypt them",
                Section,
                Section);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
