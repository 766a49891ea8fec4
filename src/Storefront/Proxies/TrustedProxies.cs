using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Diecast.Storefront.Proxies;

/// <summary>
/// Which peers may tell the storefront the shopper's address (<c>X-Forwarded-For</c>): the load balancers, CDNs or
/// proxies in front of it, from <c>Storefront__TrustedProxies</c>. The shopper's address matters because the storefront
/// names it to the API (<see cref="ApiClient.ForwardedClientHandler"/>), and the API's rate limits count per address:
/// if anyone could set the header, a shopper could pick their own rate-limit bucket, or someone else's.
/// </summary>
public sealed class TrustedProxiesOptions
{
    /// <summary>
    /// Addresses (<c>10.0.0.5</c>, <c>::1</c>) and CIDR networks (<c>10.0.0.0/8</c>), separated by commas, semicolons or
    /// spaces. Unset or empty: nobody is trusted and the address is always the TCP peer's (ASP.NET Core's own default
    /// would trust loopback; ours does not, so a process on the same host cannot name shoppers either).
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>
    /// The parsed entries, and the entries refused: anything but an address or a network; IPv4 not written as four
    /// dotted decimal numbers without leading zeros (<c>10.0.5</c> and <c>127.1</c> are legal shorthand for other hosts,
    /// and <c>010</c> is octal, so a slip would quietly trust another machine); a network with bits set after its prefix (<c>10.0.0.1/8</c>: which was meant?);
    /// and a prefix of 0 (<c>0.0.0.0/0</c>, <c>::/0</c>), which trusts everyone, as the refused
    /// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> does.
    /// </summary>
    public (IReadOnlyList<IPNetwork> Networks, IReadOnlyList<string> Invalid) Parse()
    {
        var networks = new List<IPNetwork>();
        var invalid = new List<string>();
        foreach (var entry in (TrustedProxies ?? "").Split([',', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParseEntry(entry) is { } network)
            {
                networks.Add(network);
            }
            else
            {
                invalid.Add(entry);
            }
        }

        return (networks, invalid);
    }

    private static IPNetwork? TryParseEntry(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var text = slash < 0 ? entry : entry[..slash];
        if (!IPAddress.TryParse(text, out var address) || (address.AddressFamily == AddressFamily.InterNetwork && !IsDottedQuad(text)))
        {
            return null;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(entry.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix < 1 || prefix > bits))
        {
            return null;
        }

        // The address must be the network's own: no bits set after the prefix.
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bits; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return null;
            }
        }

        return new IPNetwork(address, prefix);
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        // No leading zeros either: 010 is read as octal 8.
        return parts.Length == 4 && parts.All(part => part.Length is >= 1 and <= 3 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0'));
    }
}

/// <summary>
/// Refuses to start on a <c>Storefront__TrustedProxies</c> entry that is not an address or network, and on
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>: that switch makes ASP.NET Core believe <c>X-Forwarded-For</c> from
/// anyone, which would hand every shopper the choice of their rate-limit bucket.
/// </summary>
public sealed class TrustedProxiesValidation(IConfiguration configuration) : IValidateOptions<TrustedProxiesOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxiesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Parse().Invalid is { Count: > 0 } invalid)
        {
            failures.Add($"Storefront__TrustedProxies must list IP addresses or CIDR networks (e.g. 10.0.0.5, 10.0.0.0/8), not \"{string.Join("\", \"", invalid)}\".");
        }

        if (string.Equals(configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts X-Forwarded-For from anyone, so shoppers could choose their own rate-limit bucket: unset it and list the load balancer's addresses in Storefront__TrustedProxies.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class TrustedProxiesRegistration
{
    /// <summary>Binds <see cref="TrustedProxiesOptions"/> (section <c>Storefront</c>) and configures the forwarded-headers middleware from it.</summary>
    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TrustedProxiesOptions>().BindConfiguration("Storefront").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrustedProxiesOptions>, TrustedProxiesValidation>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((forwarded, trusted) =>
        {
            var networks = trusted.Value.Parse().Networks;
            // Only the address: scheme and host come from Storefront__PublicBaseUrl, never from a header. And nothing at
            // all when nobody is trusted: the middleware reads empty lists as "trust every peer".
            forwarded.ForwardedHeaders = networks.Count > 0 ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }

            // No limit on the entries read, so the rule is "the rightmost address that is not a trusted proxy": the
            // middleware walks X-Forwarded-For from the right while the peer it came from is trusted and stops at the
            // first that is not. What a shopper writes into the header themselves sits left of that and is never read.
            forwarded.ForwardLimit = null;
        });
        return builder;
    }

    /// <summary>Sets <c>HttpContext.Connection.RemoteIpAddress</c> to the shopper's address when the peer is a trusted proxy; first in the pipeline.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        return app;
    }
}
