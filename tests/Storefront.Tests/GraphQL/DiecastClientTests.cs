using Diecast.GraphQL.Client;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diecast.Storefront.Tests.GraphQL;

/// <summary>The storefront's generated client: how it is registered, and the documents it makes the API trust.</summary>
public sealed class DiecastClientTests(WebApplicationFactory<Diecast.Storefront.DiecastApiOptions> storefront) : IClassFixture<WebApplicationFactory<Diecast.Storefront.DiecastApiOptions>>
{
    /// <summary>
    /// src/Api/trusted-documents.json is the storefront's export (the generator writes it to
    /// obj/…/DiecastClient.trusted-documents.json); the API must trust exactly what the storefront sends.
    /// </summary>
    [Fact]
    public void The_API_trusts_exactly_the_documents_the_storefront_sends()
    {
        var exported = TrustedDocumentsFile.Format(DiecastClient.Documents);
        var path = RepositoryPaths.Combine("src", "Api", "trusted-documents.json");
        var checkedIn = File.ReadAllText(path).ReplaceLineEndings("\n");

        Assert.True(exported == checkedIn,
            "src/Api/trusted-documents.json differs from the storefront's operations. Regenerate it and review the change:\n" +
            "  dotnet build src/Storefront && cp src/Storefront/obj/Debug/net10.0/DiecastClient.trusted-documents.json src/Api/trusted-documents.json\n\n" +
            "Expected:\n" + exported);
    }

    [Fact]
    public async Task The_client_talks_to_the_configured_API_endpoint()
    {
        var api = StandInApi.Empty();
        await using var configured = storefront.WithWebHostBuilder(b => b
            .UseSetting("DiecastApi:Endpoint", "http://api.example:5080/graphql")
            .UseStandInApi(api));
        var client = configured.Services.GetRequiredService<IDiecastClient>();

        var result = await client.HomePage.ExecuteAsync();

        result.EnsureNoErrors();
        Assert.Equal([new Uri("http://api.example:5080/graphql")], api.Addresses);
    }
}
