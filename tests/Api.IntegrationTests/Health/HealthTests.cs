using Microsoft.AspNetCore.Hosting;
using Npgsql;

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

    [Fact]
    public async Task An_instance_whose_catalog_is_locked_is_not_ready_until_the_lock_goes()
    {
        using var client = api.CreateClient();
        await using (var locker = new NpgsqlConnection(api.ConnectionString + ";Pooling=false"))
        {
            await locker.OpenAsync();
            await using var command = new NpgsqlCommand("BEGIN; LOCK TABLE products IN ACCESS EXCLUSIVE MODE", locker);
            await command.ExecuteNonQueryAsync();

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var locked = await client.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.StatusCode);
            // Bounded by the check's 1 s lock timeout, not by the lock (or the 5 s check timeout).
            Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(4));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
