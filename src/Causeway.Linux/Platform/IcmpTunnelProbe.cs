using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>
/// ICMP echo over a raw socket (root, or CAP_NET_RAW). The route to the VPN gateway is the tun device's own subnet,
/// so the echo goes through the tunnel and the server's kernel answers it. Bound to a source address, the socket's
/// echoes are routed by the policy rules that select that source (the internet hop's probe from the overlay address).
/// </summary>
/// <remarks>
/// A raw socket rather than <see cref="System.Net.NetworkInformation.Ping"/>: the socket is created synchronously,
/// before the first await, so it belongs to the network namespace of the calling thread (tests run the probe from a
/// thread inside a namespace), and a socket per echo keeps replies of concurrent probes apart by identifier.
/// </remarks>
public sealed class IcmpTunnelProbe : ITunnelProbe
{
    private const byte EchoRequestV4 = 8;
    private const byte EchoReplyV4 = 0;
    private const byte EchoRequestV6 = 128;
    private const byte EchoReplyV6 = 129;
    private static readonly byte[] Payload = "causeway tunnel probe"u8.ToArray();
    private static int _sequence;

    private readonly ushort _identifier = (ushort)Random.Shared.Next(1, ushort.MaxValue);

    /// <remarks>Throws at once, not in the task, when the socket cannot be opened (as the source-bound echo does).</remarks>
    public Task<bool> EchoAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
        Answered(EchoAsync(null, target, timeout, cancellationToken));

    public Task<TimeSpan?> EchoAsync(IPAddress? source, IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var isV6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        if (source is not null && source.AddressFamily != target.AddressFamily)
        {
            throw new IOException($"probing {target} from {source}: not the same address family");
        }

        Socket socket;
        try
        {
            socket = new Socket(target.AddressFamily, SocketType.Raw, isV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
        }
        catch (SocketException e)
        {
            throw new IOException($"opening a raw ICMP socket to probe {target}: {e.Message} (run as root?)", e);
        }

        if (source is not null)
        {
            try
            {
                // The bound address is the echo's source, and routing looks the route up with it: policy rules
                // `from <source>` apply as they do to what the clients send.
                socket.Bind(new IPEndPoint(source, 0));
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new IOException($"probing {target} from {source}: {e.Message} (is {source} still this host's address?)", e);
            }
        }

        return EchoAsync(socket, target, isV6, timeout, cancellationToken);
    }

    private async Task<TimeSpan?> EchoAsync(Socket socket, IPAddress target, bool isV6, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using (socket)
        {
            var sequence = (ushort)Interlocked.Increment(ref _sequence);
            var request = BuildRequest(isV6, _identifier, sequence);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                var sent = Stopwatch.GetTimestamp();
                await socket.SendToAsync(request, SocketFlags.None, new IPEndPoint(target, 0), deadline.Token);
                var buffer = new byte[2048];
                EndPoint any = new IPEndPoint(isV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
                while (true)
                {
                    var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, deadline.Token);
                    if (received.RemoteEndPoint is IPEndPoint from
                        && from.Address.Equals(target)
                        && IsReply(buffer.AsSpan(0, received.ReceivedBytes), isV6, _identifier, sequence))
                    {
                        return Stopwatch.GetElapsedTime(sent);
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (SocketException)
            {
                // Unreachable network, no route: not answered.
                return null;
            }
        }
    }

    private static async Task<bool> Answered(Task<TimeSpan?> echo) => await echo is not null;

    private static byte[] BuildRequest(bool isV6, ushort identifier, ushort sequence)
    {
        var packet = new byte[8 + Payload.Length];
        packet[0] = isV6 ? EchoRequestV6 : EchoRequestV4;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        Payload.CopyTo(packet, 8);
        if (!isV6)
        {
            // The kernel fills in the ICMPv6 checksum (it covers a pseudo-header); ICMPv4's is ours to compute.
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        }

        return packet;
    }

    /// <summary>A raw ICMPv4 socket receives the IP header too; a raw ICMPv6 socket does not.</summary>
    private static bool IsReply(ReadOnlySpan<byte> data, bool isV6, ushort identifier, ushort sequence)
    {
        if (!isV6)
        {
            if (data.Length < 20)
            {
                return false;
            }

            data = data[((data[0] & 0x0F) * 4)..];
        }

        return data.Length >= 8
            && data[0] == (isV6 ? EchoReplyV6 : EchoReplyV4)
            && data[1] == 0
            && BinaryPrimitives.ReadUInt16BigEndian(data[4..]) == identifier
            && BinaryPrimitives.ReadUInt16BigEndian(data[6..]) == sequence;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)(data[^1] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
