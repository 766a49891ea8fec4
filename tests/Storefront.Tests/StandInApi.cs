using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Diecast.Storefront.Tests;

/// <summary>
/// Stands in for the API behind the storefront's generated client: answers every request with one response and
/// records what was asked (the operation name, with the document id when only the id was sent) and where.
/// </summary>
internal sealed class StandInApi(HttpStatusCode status, string mediaType, string body) : HttpMessageHandler
{
    public const string NoFeaturedProducts = """{"data":{"__typename":"Query","featuredProducts":[]}}""";

    public List<string> Operations { get; } = [];

    public List<Uri> Addresses { get; } = [];

    /// <summary>An API with no featured products.</summary>
    public static StandInApi Empty() => new(HttpStatusCode.OK, "application/graphql-response+json", NoFeaturedProducts);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Addresses.Add(request.RequestUri!);
        using var sent = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
        var name = sent.RootElement.GetProperty("operationName").GetString()!;
        Operations.Add(sent.RootElement.TryGetProperty("documentId", out var id) && !sent.RootElement.TryGetProperty("query", out _) ? $"{name} {id.GetString()}" : name);
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }
}

internal static class StandInApiHosting
{
    /// <summary>Routes the storefront's client to <paramref name="api"/> instead of a real API.</summary>
    public static IWebHostBuilder UseStandInApi(this IWebHostBuilder builder, StandInApi api) =>
        builder.ConfigureTestServices(services => services.AddHttpClient("DiecastClient").ConfigurePrimaryHttpMessageHandler(() => api));
}
