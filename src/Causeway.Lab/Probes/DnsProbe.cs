using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Causeway.Lab.Probes;

/// <summary>`causeway-lab probe dns`: one query over UDP or TCP, and what came back (or that nothing did).</summary>
public static class DnsProbe
{
    public static async Task<DnsProbeResult> RunAsync(IPEndPoint server, string name, DnsRecordType type, string transport, TimeSpan timeout, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
        var query = DnsWire.BuildQuery(id, name, (ushort)type);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(timeout);
        try
        {
            var response = transport switch
            {
                "udp" => await UdpAsync(server, query, id, attempt.Token),
                "tcp" => await TcpAsync(server, query, attempt.Token),
                _ => throw new ArgumentException($"transport '{transport}': use udp or tcp", nameof(transport)),
            };
            var parsed = DnsWire.ParseResponse(response);
            return Result(true, parsed.ResponseCode, parsed.Answers, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Result(false, null, [], $"no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (e is SocketException or IOException or FormatException)
        {
            return Result(false, null, [], e is SocketException s ? s.SocketErrorCode.ToString() : e.Message);
        }

        DnsProbeResult Result(bool answered, int? code, IReadOnlyList<string> answers, string? error) =>
            new(server.ToString(), transport, name, type.ToString().ToUpperInvariant(), answered, code, answers, error, watch.ElapsedMilliseconds);
    }

    private static async Task<byte[]> UdpAsync(IPEndPoint server, byte[] query, ushort id, CancellationToken ct)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server, ct);
        var buffer = new byte[4096];
        await socket.SendAsync(query, SocketFlags.None, ct);
        while (true)
        {
            // Resend once a second, as a stub resolver would: one lost datagram must not fail a check.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                if (n >= 2 && BinaryPrimitives.ReadUInt16BigEndian(buffer) == id)
                {
                    return buffer[..n];
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await socket.SendAsync(query, SocketFlags.None, ct);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
            {
                // An ICMP error for an earlier datagram: keep waiting until the timeout, like a resolver.
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    private static async Task<byte[]> TcpAsync(IPEndPoint server, byte[] query, CancellationToken ct)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server, ct);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var framed = new byte[2 + query.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        await stream.WriteAsync(framed, ct);
        var length = new byte[2];
        await stream.ReadExactlyAsync(length, ct);
        var response = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
        await stream.ReadExactlyAsync(response, ct);
        return response;
    }
}
