using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>
/// The shop's one address: YARP as a reverse proxy in the test, on 127.0.0.1, sending requests to the storefront
/// instances in turn (round robin, no session affinity), as a load balancer in front of a scaled-out shop would. It
/// keeps the shopper's Host header (the storefront builds links and the payment's callback address from it), appends the
/// address it saw to X-Forwarded-For (the storefronts trust 127.0.0.1, so they name that address to the API) and names
/// the instance that answered in <see cref="InstanceHeader"/>, so a test can see that both served one shopper.
/// </summary>
public sealed class FrontDoor : IAsyncDisposable
{
    /// <summary>The response header naming the storefront instance that answered (set by this proxy, not by the storefront).</summary>
    public const string InstanceHeader = "X-Diecast-Instance";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _served = new();

    private FrontDoor(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Responses so far, by the instance that answered.</summary>
    public IReadOnlyDictionary<string, int> Served => _served;

    /// <summary>Starts the proxy in front of <paramref name="instances"/> (name → address), on <paramref name="port"/> (0: any free one).</summary>
    public static async Task<FrontDoor> StartAsync(IReadOnlyDictionary<string, Uri> instances, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        FrontDoor? door = null;
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [new RouteConfig { RouteId = "shop", ClusterId = "storefronts", Match = new RouteMatch { Path = "{**path}" } }
                    .WithTransformUseOriginalHostHeader()
                    // Append (YARP's default is Set): behind a CDN, or a load client standing in for shoppers, the
                    // address the request already names stays, and the storefront takes the rightmost it does not trust.
                    .WithTransformXForwarded(xDefault: ForwardedTransformActions.Append)],
                [
                    new ClusterConfig
                    {
                        ClusterId = "storefronts",
                        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                        Destinations = instances.ToDictionary(instance => instance.Key, instance => new DestinationConfig { Address = instance.Value.ToString() }),
                    },
                ])
            .AddTransforms(transforms => transforms.AddResponseTransform(context =>
            {
                if (context.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is { } destination)
                {
                    context.HttpContext.Response.Headers[InstanceHeader] = destination.DestinationId;
                    door!._served.AddOrUpdate(destination.DestinationId, 1, (_, count) => count + 1);
                }

                return ValueTask.CompletedTask;
            }));
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        door = new FrontDoor(app, address);
        return door;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
