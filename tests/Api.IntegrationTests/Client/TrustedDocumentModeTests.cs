using Diecast.GraphQL.Client;
using Microsoft.AspNetCore.Hosting;

namespace Diecast.Api.IntegrationTests.Client;

/// <summary>The client sending only document ids, to an API that trusts this client's exported documents.</summary>
public sealed class TrustedDocumentModeTests(TrustedDocumentModeTests.TrustingApiFactory api) : IClassFixture<TrustedDocumentModeTests.TrustingApiFactory>
{
    [Fact]
    public async Task The_exported_documents_run_by_id()
    {
        using var services = GeneratedClientTests.ClientServices(api, configure: b => b.UseDocumentIds());
        var client = services.GetRequiredService<IApiTestClient>();
        var slug = (await TestSql.StringsAsync(api.ConnectionString, "SELECT slug FROM products ORDER BY id LIMIT 1"))[0];

        var result = await client.ProductDetails.ExecuteAsync(slug);

        result.EnsureNoErrors();
        Assert.Equal(slug, result.Data!.ProductBySlug!.Slug);
    }

    /// <summary>The API with this client's trusted-documents export as its trusted documents file.</summary>
    public sealed class TrustingApiFactory : ApiFactory, IAsyncLifetime
    {
        private readonly string _trustedDocuments = Path.Combine(Path.GetTempPath(), $"diecast-client-trusted-{Guid.NewGuid():N}.json");

        public override async Task InitializeAsync()
        {
            await File.WriteAllTextAsync(_trustedDocuments, TrustedDocumentsFile.Format(ApiTestClient.Documents));
            await base.InitializeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GraphQL:TrustedDocumentsPath", _trustedDocuments);
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await DisposeAsync();
            File.Delete(_trustedDocuments);
        }
    }
}
