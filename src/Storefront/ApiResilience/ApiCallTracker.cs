using Polly;

namespace Diecast.Storefront.ApiResilience;

/// <summary>
/// The outermost handler of the API client: records failures on the current request (<see cref="ApiFailures"/>), and
/// turns the resilience pipeline's refusals (timeout, open circuit) into the <see cref="HttpRequestException"/> the
/// generated client reports as a <c>CLIENT_*</c> error, so a page sees a failed result rather than an exception.
/// </summary>
public sealed class ApiCallTracker(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
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

    private void Record()
    {
        if (accessor.HttpContext is { } context)
        {
            ApiFailures.Record(context);
        }
    }
}
