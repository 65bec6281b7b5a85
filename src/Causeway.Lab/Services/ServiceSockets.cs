using System.Net;
using System.Net.Sockets;

namespace Causeway.Lab.Services;

/// <summary>Socket chores shared by the lab's services.</summary>
internal static class ServiceSockets
{
    private static readonly SemaphoreSlim LogLock = new(1, 1);

    /// <summary>Binds with SO_REUSEADDR (a restarted service must not wait for TIME_WAIT) and, for IPv6, v6 only.</summary>
    public static void Bind(Socket socket, IPEndPoint endpoint)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = false;
        }

        try
        {
            socket.Bind(endpoint);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"binding {socket.ProtocolType.ToString().ToLowerInvariant()} {endpoint}: {e.Message} (is the address on an interface of this namespace?)", e);
        }
    }

    /// <summary>One line per event, serialized: the log is a file shared by all the service's tasks.</summary>
    public static async Task LogAsync(TextWriter log, string line, CancellationToken ct)
    {
        await LogLock.WaitAsync(ct);
        try
        {
            await log.WriteLineAsync($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");
            await log.FlushAsync(ct);
        }
        finally
        {
            LogLock.Release();
        }
    }
}
