using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Causeway.Lab.Services;

/// <summary>
/// `causeway-lab serve echo`: answers every TCP connection and every UDP datagram with the caller's address as
/// text ("198.51.100.2\n"). It is how the lab learns which address a probe left the world with.
/// <para>
/// Hand-written on purpose: no Debian package answers with the address it saw. An RFC 862 echo (inetd's, socat's)
/// sends back the payload, which the caller wrote itself and which says nothing of the NAT in between; socat can
/// only do it by running a shell per connection or datagram (SYSTEM:'echo $SOCAT_PEERADDR'), one process per address
/// and protocol (eight for the internet router), too slow for the leak windows' 20 datagrams 10 ms apart. This one
/// serves UDP and TCP, IPv4 and IPv6, on every address it is given, in one process, and keeps serving when a reply
/// cannot be routed (the negative control's leaked packets).
/// </para>
/// </summary>
public static class EchoService
{
    public static async Task RunAsync(IReadOnlyList<IPEndPoint> listen, TextWriter log, CancellationToken ct)
    {
        var tasks = new List<Task>();
        var sockets = new List<Socket>();
        try
        {
            foreach (var endpoint in listen)
            {
                var udp = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                sockets.Add(udp);
                ServiceSockets.Bind(udp, endpoint);
                var tcp = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(tcp);
                ServiceSockets.Bind(tcp, endpoint);
                tcp.Listen(128);
                tasks.Add(ServeUdpAsync(udp, log, ct));
                tasks.Add(ServeTcpAsync(tcp, log, ct));
            }

            await ServiceSockets.LogAsync(log, $"echo: listening on {string.Join(", ", listen)} (udp, tcp)", ct);
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    public static byte[] Reply(EndPoint caller) =>
        Encoding.ASCII.GetBytes($"{((IPEndPoint)caller).Address}\n");

    private static async Task ServeUdpAsync(Socket socket, TextWriter log, CancellationToken ct)
    {
        var buffer = new byte[2048];
        var any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, ct);
                await ServiceSockets.LogAsync(log, $"echo: udp from {received.RemoteEndPoint}", ct);
                await socket.SendToAsync(Reply(received.RemoteEndPoint), SocketFlags.None, received.RemoteEndPoint, ct);
            }
            catch (SocketException e)
            {
                // A caller this node cannot route back to (a leaked packet from the overlay, in the negative
                // control) must not stop the service.
                await ServiceSockets.LogAsync(log, $"echo: udp reply failed: {e.SocketErrorCode}", ct);
            }
        }
    }

    private static async Task ServeTcpAsync(Socket listener, TextWriter log, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(ct);
            }
            catch (SocketException)
            {
                // A connection reset before it was accepted: nothing to serve.
                continue;
            }

            _ = Task.Run(
                async () =>
                {
                    using var _ = client;
                    try
                    {
                        await client.SendAsync(Reply(client.RemoteEndPoint!), SocketFlags.None, ct);
                        client.Shutdown(SocketShutdown.Both);
                        await ServiceSockets.LogAsync(log, $"echo: tcp from {client.RemoteEndPoint}", ct);
                    }
                    catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
                    {
                        // The caller hung up first.
                    }
                },
                ct);
        }
    }
}
