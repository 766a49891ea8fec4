using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Diecast.Api.Payments.Razorpay;

/// <summary>
/// Where Razorpay is: <see cref="RazorpayOptions.BaseUrl"/>, or, when the payment simulator plays Razorpay and no
/// BaseUrl was configured, this API's own simulator routes (<see cref="SimulatorPath"/>) on the address Kestrel
/// listens on, known only once the server has started (hence resolved at the first call, not at registration).
/// </summary>
public sealed class RazorpayEndpoint(IOptions<RazorpayOptions> options, IServiceProvider services)
{
    /// <summary>Where the simulator's copy of Razorpay's API is mapped in this API.</summary>
    public const string SimulatorPath = "/simulator/razorpay/v1/";

    private static readonly Uri PublicApi = new("https://api.razorpay.com/v1/");

    private Uri? _resolved;

    /// <summary>The API root, ending in /; throws <see cref="InvalidOperationException"/> when the simulator's address is not known.</summary>
    public Uri BaseUrl => _resolved ??= Resolve();

    private Uri Resolve()
    {
        var configured = options.Value.BaseUrl;
        if (!options.Value.IsSimulated || configured != PublicApi)
        {
            return configured;
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"The payment simulator needs this API's HTTP address and the server has none (an in-memory test server?): set {RazorpayOptions.Section}__BaseUrl.");
        var listening = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (listening.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
        {
            // A wildcard or localhost binding: the loopback address reaches it without a name lookup.
            listening.Host = "127.0.0.1";
        }

        listening.Path = SimulatorPath;
        return listening.Uri;
    }
}
