using System.Text.Json;
using Polly;

namespace Diecast.Storefront.ApiResilience;

/// <summary>
/// The outermost handler of the API client: records failures on the current request (<see cref="ApiFailures"/>), and
/// turns the resilience pipeline's refusals (timeout, open circuit) into the <see cref="HttpRequestException"/> the
/// generated client reports as a <c>CLIENT_*</c> error, so a page sees a failed result rather than an exception.
/// A 200 whose body has top-level <c>errors</c> (a partial result: some field failed) counts as a failure too, so
/// that a page missing a part is not cached; the body is buffered once here, and the client reads that buffer.
/// </summary>
public sealed class ApiCallTracker(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode || await HasErrorsAsync(response.Content, cancellationToken))
            {
                Record();
            }

            return response;
        }
        catch (ExecutionRejectedException exception)
        {
            Record();
            throw new HttpRequestException($"The API was not asked or did not answer in time ({exception.Message})", exception);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Record();
            throw;
        }
    }

    /// <summary>Whether the JSON body has a top-level "errors" that is not null (a body that is not JSON is the client's to report).</summary>
    private static async Task<bool> HasErrorsAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await content.LoadIntoBufferAsync(cancellationToken);
        var body = await content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var isErrors = reader.ValueTextEquals("errors"u8);
                    reader.Read();
                    if (isErrors)
                    {
                        return reader.TokenType != JsonTokenType.Null;
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return true;
        }

        return false;
    }

    private void Record()
    {
        if (accessor.HttpContext is { } context)
        {
            ApiFailures.Record(context);
        }
    }
}
