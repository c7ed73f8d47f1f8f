using System.Net;
using System.Net.Sockets;

namespace Apko.Testing.Registry;

/// <summary>Finds TCP ports on 127.0.0.1 that nothing listens on.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// Returns a port that was free a moment ago. Another process may take it before the caller binds it, so
    /// callers retry their start with a new port when binding fails.
    /// </summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
