using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>The API on a real loopback port, for clients in other processes: Node's audit suite, a browser.</summary>
public class KestrelApiFactory : ApiFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    public string GraphQLUrl => new Uri(BaseAddress, "/graphql").ToString();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Listen, not UseKestrel(port): that overload rewrites the server's addresses from a callback that can run
        // after Kestrel started, which throws now and then ("Addresses cannot be modified after the server has started").
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
