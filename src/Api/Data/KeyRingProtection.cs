using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Diecast.Api.Data;

/// <summary>
/// The "DataProtection" configuration section: the certificate that encrypts the Data Protection key ring at rest.
/// The keys protect cursors (and will protect order links and cart cookies); whoever reads the
/// <c>data_protection_keys</c> table unencrypted can forge them. Encrypted with a certificate kept outside the
/// database, a copy of the database alone is not enough.
/// </summary>
public sealed class KeyRingProtection
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with an RSA certificate and its private key; every instance needs the same one.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password, from the environment (<c>DataProtection__CertificatePassword</c>).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Certificates that encrypted keys before a rotation (.pfx files, separated by <c>;</c>): keys they encrypted still
    /// decrypt, new keys are encrypted with <see cref="CertificatePath"/>'s. The same password as the current one.
    /// </summary>
    public string? PreviousCertificatePaths { get; set; }

    /// <summary>Encrypts the key ring with the configured certificate; without one, keys are stored as they are.</summary>
    public static void Configure(IDataProtectionBuilder dataProtection, IConfiguration configuration, IHostEnvironment environment, ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        var options = configuration.GetSection(Section).Get<KeyRingProtection>() ?? new KeyRingProtection();
        if (string.IsNullOrEmpty(options.CertificatePath))
        {
            // The framework warns of each key it creates unencrypted. A developer's own database needs no encrypted
            // keys; elsewhere one warning at start says it, and how to change it.
            logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
            if (!environment.IsDevelopment())
            {
                dataProtection.Services.AddHostedService<UnprotectedKeyRingWarning>();
            }

            return;
        }

        var previous = (options.PreviousCertificatePaths ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => Load(path, options.CertificatePassword));
        var current = Load(options.CertificatePath, options.CertificatePassword);
        dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path), password);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The Data Protection certificate {path} has no private key: keys it encrypts could not be read back.");
    }

    /// <summary>Says once at start, outside Development, that the key ring is stored unencrypted and how to change that.</summary>
    private sealed class UnprotectedKeyRingWarning(ILogger<KeyRingProtection> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(
                "Data Protection keys (they protect cursors) are stored unencrypted in PostgreSQL: set {Section}__CertificatePath and {Section}__CertificatePassword to a .pfx certificate to encrypt them",
                Section,
                Section);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
