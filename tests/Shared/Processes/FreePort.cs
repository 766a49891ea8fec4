using System.Net.Sockets;

namespace Diecast.Tests.Processes;

/// <summary>Loopback ports for hosts a test starts.</summary>
internal static class FreePort
{
    /// <summary>
    /// A loopback port free now. Chosen before the host starts because a host may need to know its own URL (the API's
    /// pictures' base); another process could take it in between, which the host's start then reports.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
