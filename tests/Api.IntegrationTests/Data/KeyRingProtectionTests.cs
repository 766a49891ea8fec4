using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Diecast.Api.IntegrationTests.Data;

/// <summary>
/// With a certificate configured, the Data Protection keys in PostgreSQL are encrypted at rest, and every instance
/// with the same certificate reads them: a cursor from one opens on another.
/// </summary>
public sealed class KeyRingProtectionTests(ApiFactory api) : IClassFixture<ApiFactory>, IDisposable
{
    private const string PageQuery = "query($after: String) { products(first: 2, after: $after, order: [{ name: ASC }]) { nodes { slug } pageInfo { endCursor } } }";
    private const string Password = "test-certificate-password";

    private readonly string _folder = Directory.CreateTempSubdirectory("diecast-keyring-").FullName;

    [Fact]
    public async Task Keys_are_encrypted_at_rest_and_a_second_instance_with_the_certificate_opens_the_first_ones_cursors()
    {
        var certificate = WriteCertificate("current.pfx");
        await using var first = WithCertificate(api, certificate);
        await using var second = new ApiFactory();
        await second.UseDatabaseAsync(api.ConnectionString);
        await using var secondWithCertificate = WithCertificate(second, certificate);
        using var firstClient = first.CreateClient();
        using var secondClient = secondWithCertificate.CreateClient();

        var cursor = (await firstClient.QueryDataAsync(PageQuery)).GetProperty("products").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var page = (await secondClient.QueryDataAsync(PageQuery, new { after = cursor })).GetProperty("products").GetProperty("nodes");

        var keys = await TestSql.StringsAsync(api.ConnectionString, "SELECT xml FROM data_protection_keys");
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
        var expected = await TestSql.StringsAsync(api.ConnectionString, "SELECT slug FROM products WHERE archived_at IS NULL ORDER BY name, id OFFSET 2 LIMIT 2");
        Assert.Equal(expected, page.EnumerateArray().Select(p => p.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task Keys_encrypted_with_a_previous_certificate_still_open_after_a_rotation()
    {
        await using var database = new ApiFactory();
        await database.InitializeAsync();
        var previous = WriteCertificate("previous.pfx");
        var current = WriteCertificate("current.pfx");
        await using var before = WithCertificate(database, previous);
        await using var after = WithCertificate(database, current, previous);
        using var beforeClient = before.CreateClient();
        using var afterClient = after.CreateClient();

        var cursor = (await beforeClient.QueryDataAsync(PageQuery)).GetProperty("products").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var page = (await afterClient.QueryDataAsync(PageQuery, new { after = cursor })).GetProperty("products").GetProperty("nodes");

        Assert.Equal(2, page.GetArrayLength());
    }

    [Theory]
    [InlineData("Development", false, 0)]
    [InlineData("Production", false, 1)]
    [InlineData("Production", true, 0)]
    public async Task Unencrypted_keys_are_mentioned_once_at_start_outside_Development_and_never_with_a_certificate(string environment, bool certificate, int warnings)
    {
        await using var database = new ApiFactory();
        await database.InitializeAsync();
        var logs = new WarningRecorder();
        var path = certificate ? WriteCertificate("current.pfx") : null;
        await using var instance = database.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
            if (path is not null)
            {
                builder.UseSetting("DataProtection:CertificatePath", path);
                builder.UseSetting("DataProtection:CertificatePassword", Password);
            }
        });
        using var client = instance.CreateClient();

        // A cursor makes the key ring create its first key, which the framework warns of when it is stored unencrypted.
        await client.QueryDataAsync(PageQuery);

        Assert.Equal(warnings, logs.Warnings.Count(w => w.Contains("DataProtection__CertificatePath", StringComparison.Ordinal)));
        // Ours replaces the framework's, which would come on top of it for every key created.
        Assert.Equal(warnings, logs.Warnings.Count(w => w.Contains("unencrypted", StringComparison.OrdinalIgnoreCase)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class WarningRecorder : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this);

        public void Dispose()
        {
        }

        private sealed class Recorder(WarningRecorder owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    owner.Warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }

    private static WebApplicationFactory<Program> WithCertificate(ApiFactory factory, string certificate, string? previous = null) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("DataProtection:CertificatePath", certificate);
            builder.UseSetting("DataProtection:CertificatePassword", Password);
            if (previous is not null)
            {
                builder.UseSetting("DataProtection:PreviousCertificatePaths", previous);
            }
        });

    /// <summary>A self-signed RSA certificate with its private key, as an operator would make one with openssl.</summary>
    private string WriteCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Diecast Data Protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
