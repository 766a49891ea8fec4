using System.Collections.Concurrent;
using System.Text.Json;

namespace Diecast.Storefront.Tests.Infrastructure;

/// <summary>Sits in the storefront's GraphQL HttpClient and notes each operation it sends, by name.</summary>
public sealed class OperationRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _operations = new();

    public IReadOnlyList<string> Operations => [.. _operations];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            using var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            _operations.Enqueue(body.RootElement.TryGetProperty("operationName", out var name) ? name.GetString() ?? "" : "");
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
