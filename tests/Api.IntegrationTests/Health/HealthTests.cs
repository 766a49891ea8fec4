using System.Net;
using Diecast.Api.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diecast.Api.IntegrationTests.Health;

public sealed class HealthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task A_healthy_instance_is_live_and_ready(string path)
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_its_database_an_instance_is_live_but_not_ready()
    {
        await using var unreachable = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Jwt:SigningKey", ApiFactory.TestSigningKey);
            builder.UseSetting("ConnectionStrings:Diecast", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");
        });
        using var client = unreachable.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
