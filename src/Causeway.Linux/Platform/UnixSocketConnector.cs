using System.Net.Sockets;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>Connects to unix-domain stream sockets.</summary>
public sealed class UnixSocketConnector : IUnixSocketConnector
{
    public async Task<Stream> ConnectAsync(string path, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"connecting to {path}: {e.Message}", e);
        }
    }
}
