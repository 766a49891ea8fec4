using System.Text.Json;
using Npgsql;

namespace Diecast.CatalogBenchmark;

/// <summary>
/// The floor: the benchmark's first page served by hand, raw Npgsql and Utf8JsonWriter, in the GraphQL response's
/// shape. No GraphQL, no EF Core: what the same page costs with nothing in between.
/// </summary>
internal static class RawProductsEndpoint
{
    public const string Sql = """
        SELECT id, name, brand, scale, price FROM products
        WHERE genre = 'racing' AND price >= 1000 AND archived_at IS NULL
        ORDER BY price, id
        LIMIT 20
        """;

    public static async Task<WebApplication> StartAsync(string connectionString, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var dataSource = NpgsqlDataSource.Create(connectionString);

        app.MapPost("/products", async context =>
        {
            await using var command = dataSource.CreateCommand(Sql);
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(context.Response.Body);
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteStartObject("products");
            json.WriteStartArray("nodes");
            while (await reader.ReadAsync(context.RequestAborted))
            {
                json.WriteStartObject();
                json.WriteString("id", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Product:{reader.GetInt32(0)}")));
                json.WriteString("name", reader.GetString(1));
                json.WriteString("brand", reader.GetString(2));
                json.WriteString("scale", reader.GetString(3));
                json.WriteNumber("price", reader.GetDecimal(4));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        });

        await app.StartAsync();
        return app;
    }
}
