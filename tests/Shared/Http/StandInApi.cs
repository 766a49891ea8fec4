using System.Net;
using System.Text;
using System.Text.Json;

namespace Diecast.Tests;

/// <summary>
/// Stands in for a GraphQL API behind an HttpClient (as its primary handler): answers every request with one canned
/// response, or never (<see cref="Unresponsive"/>), and records what each request sent and where. Linked into the
/// test projects of the client runtime, the client generator and the storefront.
/// </summary>
internal sealed class StandInApi : HttpMessageHandler
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";

    private readonly HttpStatusCode _status;
    private readonly string _mediaType;
    private readonly string _body;
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers every request with this status, content type and body: a GraphQL response, or a proxy's error page.</summary>
    public StandInApi(HttpStatusCode status, string mediaType, string body)
    {
        _status = status;
        _mediaType = mediaType;
        _body = body;
    }

    /// <summary>The JSON body of each request, in order.</summary>
    public List<JsonElement> Requests { get; } = [];

    /// <summary>The address of each request, in order.</summary>
    public List<Uri> Addresses { get; } = [];

    /// <summary>The headers of each request, in order (name → values joined by ", ").</summary>
    public List<Dictionary<string, string>> Headers { get; } = [];

    /// <summary>What each request asked for: its operation name, followed by the document id when only the id was sent.</summary>
    public List<string> Operations { get; } = [];

    /// <summary>Completes when the first request has arrived (and been recorded).</summary>
    public Task Requested => _requested.Task;

    private bool NeverAnswers { get; init; }

    /// <summary>Answers every request with a GraphQL response (application/graphql-response+json) holding this body.</summary>
    public static StandInApi Answering(string body, HttpStatusCode status = HttpStatusCode.OK) => new(status, GraphQLResponseMediaType, body);

    /// <summary>Accepts requests and never answers: each ends only when its cancellation token fires (a timeout, or the caller).</summary>
    public static StandInApi Unresponsive() => new(HttpStatusCode.OK, GraphQLResponseMediaType, "") { NeverAnswers = true };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Addresses.Add(request.RequestUri!);
        Headers.Add(request.Headers.ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase));
        using (var sent = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)))
        {
            var body = sent.RootElement.Clone();
            Requests.Add(body);
            var name = body.GetProperty("operationName").GetString()!;
            Operations.Add(body.TryGetProperty("documentId", out var id) && !body.TryGetProperty("query", out _) ? $"{name} {id.GetString()}" : name);
        }

        _requested.TrySetResult();
        if (NeverAnswers)
        {
            // No answer ever comes: the request ends when its token is cancelled (HttpClient's timeout or the caller).
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        }

        return new HttpResponseMessage(_status) { Content = new StringContent(_body, Encoding.UTF8, _mediaType) };
    }
}
