using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Causeway.Lab.Probes;

/// <summary>
/// `causeway-lab probe inject`: run in the internet router, puts packets into the provider's tunnel at the gateway's
/// tunnel address, from an internet address (the provider routes its tunnel network into its tun, and its OpenVPN
/// server to the client): what anyone on the provider's side could send. UDP datagrams and TCP SYNs to closed
/// ports, ICMP echo requests, and UDP replies into a live client flow (from the service's address and port to the
/// flow's masqueraded port) with a TTL that reaches the gateway as 1, so that the gateway, forwarding them, must
/// answer "time exceeded". The gateway must answer none of them over its uplink.
/// </summary>
public static class InjectProbe
{
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes("causeway-lab-injected");
    private static readonly TimeSpan TcpWait = TimeSpan.FromMilliseconds(300);

    /// <param name="closedPorts">Ports nothing listens on at <paramref name="target"/>: each gets <paramref name="count"/> datagrams and SYNs.</param>
    /// <param name="count">Datagrams and SYNs per closed port, pings, and flow replies.</param>
    /// <param name="flowSourcePort">The flow's service port (the replies' source port).</param>
    /// <param name="flowPort">The flow's port at <paramref name="target"/>; 0: no flow replies.</param>
    /// <param name="flowTtl">The flow replies' TTL as they leave this host.</param>
    public static async Task<InjectProbeResult> RunAsync(IPAddress source, IPAddress target, IReadOnlyList<int> closedPorts, int count, int flowSourcePort, int flowPort, int flowTtl, CancellationToken ct)
    {
        var errors = new SortedSet<string>(StringComparer.Ordinal);
        // The flow replies first: the kernel sends at most 6 ICMP errors in a burst to one address (then one a
        // second), so a gateway that answers the closed ports with "port unreachable" would leave no "time exceeded".
        var replies = flowPort > 0 ? await FlowRepliesAsync(source, target, flowSourcePort, flowPort, flowTtl, count, errors, ct) : 0;
        var udp = await UdpAsync(source, target, closedPorts, count, errors, ct);
        var pings = await PingsAsync(source, target, count, errors, ct);
        var (tcp, tcpErrors) = await SynsAsync(source, target, closedPorts, count, ct);
        return new InjectProbeResult(source.ToString(), target.ToString(), udp, tcp, pings, replies, flowTtl, tcpErrors, [.. errors]);
    }

    private static async Task<int> UdpAsync(IPAddress source, IPAddress target, IReadOnlyList<int> ports, int count, SortedSet<string> errors, CancellationToken ct)
    {
        // Unconnected: the port unreachable a gateway might answer is not reported on it, and every datagram goes.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(source, 0));
        var sent = 0;
        for (var i = 0; i < count; i++)
        {
            foreach (var port in ports)
            {
                try
                {
                    await socket.SendToAsync(Payload, SocketFlags.None, new IPEndPoint(target, port), ct);
                    sent++;
                }
                catch (SocketException e)
                {
                    errors.Add($"udp: {e.SocketErrorCode}");
                }
            }
        }

        return sent;
    }

    /// <summary>ICMP echo requests on a raw socket (root), so that they leave from <paramref name="source"/>.</summary>
    private static async Task<int> PingsAsync(IPAddress source, IPAddress target, int count, SortedSet<string> errors, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        socket.Bind(new IPEndPoint(source, 0));
        var sent = 0;
        for (var i = 0; i < count; i++)
        {
            try
            {
                await socket.SendToAsync(EchoRequest(0x1ab, (ushort)(i + 1), Payload), SocketFlags.None, new IPEndPoint(target, 0), ct);
                sent++;
            }
            catch (SocketException e)
            {
                errors.Add($"ping: {e.SocketErrorCode}");
            }
        }

        return sent;
    }

    /// <summary>
    /// UDP from <paramref name="sourcePort"/> on a raw socket: the service that owns that port (the echo service)
    /// holds it, so an ordinary socket could not send from it. The kernel adds the IP header, with this TTL.
    /// </summary>
    private static async Task<int> FlowRepliesAsync(IPAddress source, IPAddress target, int sourcePort, int port, int ttl, int count, SortedSet<string> errors, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(source, 0));
        socket.Ttl = (short)ttl;
        var datagram = UdpDatagram(source, target, (ushort)sourcePort, (ushort)port, Payload);
        var sent = 0;
        for (var i = 0; i < count; i++)
        {
            try
            {
                await socket.SendToAsync(datagram, SocketFlags.None, new IPEndPoint(target, 0), ct);
                sent++;
            }
            catch (SocketException e)
            {
                errors.Add($"flow reply: {e.SocketErrorCode}");
            }
        }

        return sent;
    }

    /// <summary>
    /// One SYN per attempt, all at once, each abandoned after <see cref="TcpWait"/> (well before the first
    /// retransmission, at 1 s): a refused attempt means something answered with a reset.
    /// </summary>
    private static async Task<(int Sent, IReadOnlyList<string> Errors)> SynsAsync(IPAddress source, IPAddress target, IReadOnlyList<int> ports, int count, CancellationToken ct)
    {
        var sockets = new List<Socket>();
        var attempts = new List<Task>();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            for (var i = 0; i < count; i++)
            {
                foreach (var port in ports)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(source, 0));
                    attempts.Add(socket.ConnectAsync(new IPEndPoint(target, port), abandon.Token).AsTask());
                }
            }

            await Task.WhenAny(Task.WhenAll(attempts), Task.Delay(TcpWait, ct));
            await abandon.CancelAsync();
            var outcomes = new List<string>();
            foreach (var attempt in attempts)
            {
                try
                {
                    await attempt;
                    outcomes.Add("Connected");
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    outcomes.Add("NoAnswer");
                }
                catch (SocketException e)
                {
                    outcomes.Add(e.SocketErrorCode.ToString());
                }
            }

            return (attempts.Count, [.. outcomes.GroupBy(o => o, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")]);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>An ICMP echo request (type 8, code 0) with its checksum.</summary>
    public static byte[] EchoRequest(ushort identifier, ushort sequence, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[8 + payload.Length];
        packet[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        payload.CopyTo(packet.AsSpan(8));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet, 0));
        return packet;
    }

    /// <summary>A UDP header and payload, its checksum over the IPv4 pseudo-header (RFC 768).</summary>
    public static byte[] UdpDatagram(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(0), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram.AsSpan(8));
        var pseudo = new byte[12];
        source.GetAddressBytes().CopyTo(pseudo, 0);
        destination.GetAddressBytes().CopyTo(pseudo, 4);
        pseudo[9] = (byte)ProtocolType.Udp;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)datagram.Length);
        var checksum = Checksum(datagram, Sum(pseudo));
        // 0 means "no checksum" in UDP over IPv4; a computed 0 is sent as all ones.
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(6), checksum == 0 ? (ushort)0xffff : checksum);
        return datagram;
    }

    /// <summary>The Internet checksum (RFC 1071) of <paramref name="data"/>, starting from a partial sum.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data, uint partial)
    {
        var sum = partial + Sum(data);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static uint Sum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)data[^1] << 8;
        }

        return sum;
    }
}
