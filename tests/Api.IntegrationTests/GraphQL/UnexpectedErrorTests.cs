using Microsoft.AspNetCore.Hosting;

namespace Diecast.Api.IntegrationTests.GraphQL;

/// <summary>A failure inside a resolver (here: the database is gone) reveals nothing of its cause outside Development.</summary>
/// <remarks>An unreachable database is a retryable 503 with its own code (see Data/DatabaseFailureTests).</remarks>
public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task A_failing_resolver_gives_a_coded_error_without_details()
    {
        await using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Jwt:SigningKey", ApiFactory.TestSigningKey);
            foreach (var (name, value) in ApiFactory.TestRazorpaySettings)
            {
                builder.UseSetting(name, value);
            }

            builder.UseSetting("ConnectionStrings:Diecast", "Host=127.0.0.1;Port=1;Database=secret_db;Username=secret_user;Password=secret;Timeout=2");
        });
        using var client = api.CreateClient();

        var (response, body) = await client.PostGraphQLAsync("{ featuredProducts { name } }");
        var text = body.ToString();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("DATABASE_UNAVAILABLE", body.FirstErrorCode());
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
