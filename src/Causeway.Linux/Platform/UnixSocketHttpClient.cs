using System.Net.Sockets;

namespace Causeway.Linux.Platform;

/// <summary>HTTP over a unix-domain socket: how `causeway status` reaches the running daemon.</summary>
public static class UnixSocketHttpClient
{
    /// <summary>A client whose every connection goes to <paramref name="socketPath"/>; use any http://localhost/ URL.</summary>
    public static HttpClient Create(string socketPath, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = timeout };
    }
}
