using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Causeway.Lab.Services;

/// <summary>
/// `causeway-lab serve dns`: a minimal authoritative DNS responder on UDP and TCP. The internet's and the
/// provider's servers answer the same lab name differently, so a check can tell who answered.
/// </summary>
public static class DnsService
{
    private const int MaxUdpMessage = 4096;

    public static async Task RunAsync(IReadOnlyList<IPEndPoint> listen, DnsZone zone, TextWriter log, CancellationToken ct)
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
                tcp.Listen(64);
                tasks.Add(ServeUdpAsync(udp, zone, log, ct));
                tasks.Add(ServeTcpAsync(tcp, zone, log, ct));
            }

            await log.WriteLineAsync($"dns: answering {string.Join(", ", zone.Records.Select(r => $"{r.Name} {r.Type} {r.Value}"))} on {string.Join(", ", listen)} (udp, tcp)");
            await log.FlushAsync(ct);
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

    private static async Task ServeUdpAsync(Socket socket, DnsZone zone, TextWriter log, CancellationToken ct)
    {
        var buffer = new byte[MaxUdpMessage];
        var any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, ct);
                var response = zone.Answer(buffer.AsSpan(0, received.ReceivedBytes));
                if (response is not null)
                {
                    await socket.SendToAsync(response, SocketFlags.None, received.RemoteEndPoint, ct);
                    await ServiceSockets.LogAsync(log, $"dns: udp query from {received.RemoteEndPoint} answered", ct);
                }
            }
            catch (SocketException e)
            {
                // A client this node cannot route back to must not stop the service.
                await ServiceSockets.LogAsync(log, $"dns: udp reply failed: {e.SocketErrorCode}", ct);
            }
        }
    }

    private static async Task ServeTcpAsync(Socket listener, DnsZone zone, TextWriter log, CancellationToken ct)
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

            _ = Task.Run(() => ServeTcpClientAsync(client, zone, log, ct), ct);
        }
    }

    /// <summary>DNS over TCP: each message is preceded by its 2-byte length; a client may send several.</summary>
    private static async Task ServeTcpClientAsync(Socket client, DnsZone zone, TextWriter log, CancellationToken ct)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: false);
            var lengthBytes = new byte[2];
            while (true)
            {
                if (!await ServiceSockets.ReadExactlyOrEndAsync(stream, lengthBytes, timeout.Token))
                {
                    return;
                }

                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(lengthBytes)];
                if (!await ServiceSockets.ReadExactlyOrEndAsync(stream, query, timeout.Token))
                {
                    return;
                }

                var response = zone.Answer(query);
                if (response is null)
                {
                    return;
                }

                var framed = new byte[2 + response.Length];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                response.CopyTo(framed, 2);
                await stream.WriteAsync(framed, timeout.Token);
                await ServiceSockets.LogAsync(log, $"dns: tcp query from {client.RemoteEndPoint} answered", ct);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // A client that goes away mid-query is its own problem.
        }
    }
}
