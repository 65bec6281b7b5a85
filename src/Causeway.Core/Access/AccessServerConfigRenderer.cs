using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Causeway.Core.Model;
using Causeway.Core.Profiles;

namespace Causeway.Core.Access;

/// <summary>
/// Writes the config of one OpenVPN access server process (one for UDP, one for TCP), each line with a comment
/// saying why. No script of any kind: Causeway follows the servers through their management sockets, and the host's
/// routing and firewall are Causeway's own (the planner), not OpenVPN's.
/// </summary>
public static class AccessServerConfigRenderer
{
    /// <exception cref="ArgumentException">The server is not one of the settings' servers, or a name or path cannot be written safely.</exception>
    public static string Render(AccessServerConfigOptions options)
    {
        var access = options.Access;
        var server = options.Server;
        var paths = options.Paths;
        Check(options);

        var udp = server.Transport == AccessTransport.Udp;
        var w = new ConfigWriter();
        w.Comment($"OpenVPN access server ({server.TransportName.ToUpperInvariant()} {server.Port}) of Causeway instance {options.InstanceName}.");
        w.Comment("Causeway rewrites it before every start: change [access] in Causeway's config instead.");
        if (options.PkiFingerprint is { } fingerprint)
        {
            w.Comment($"PKI {fingerprint}: a new `causeway up` takes over a running server only if this file is the same, this line included.");
        }

        w.Blank();

        w.Comment("A server for many clients; it takes the first address of its share of access.pool and hands out the rest.");
        w.Option("server", server.Subnet.BaseAddress.ToString(), Mask(server.Subnet));
        w.Comment("One subnet for all clients (not a /30 each), the only topology DCO supports on servers.");
        w.Option("topology", "subnet");
        w.Comment("Listens on every address of the host: phones connect to public_address, NATed or not.");
        w.Option("proto", udp ? "udp" : "tcp-server");
        w.Option("port", Number(server.Port));
        if (udp)
        {
            w.Comment("Replies leave from the address the client's packet came to, also on a host with several addresses.");
            w.Option("multihome");
        }

        w.Comment("A fixed name starting with \"tun\": zerotier-one never binds to tun* devices, and Causeway's rules name it.");
        w.Option("dev", server.DeviceName);
        w.Option("dev-type", "tun");
        w.Option("txqueuelen", Number(AccessTuning.TxQueueLength));
        w.Comment("Keep the device and the keys across a soft restart.");
        w.Option("persist-tun");
        w.Option("persist-key");
        w.Blank();

        w.Comment("Causeway's PKI (made by Causeway, 0600 files in a 0700 directory). ECDHE only: no DH parameters.");
        w.Option("ca", paths.CaCertificate);
        w.Option("cert", paths.ServerCertificate);
        w.Option("key", paths.ServerPrivateKey);
        w.Option("dh", "none");
        w.Comment("The handshake itself is encrypted with a key every client has: to anyone else the port stays silent.");
        w.Option("tls-crypt", paths.TlsCryptKey);
        w.Comment("Read again at every new connection: a revoked client can never come back, without a restart.");
        w.Option("crl-verify", paths.Crl);
        w.Comment("Only clients with a certificate from this CA, issued for a client.");
        w.Option("verify-client-cert", "require");
        w.Option("remote-cert-tls", "client");
        w.Option("tls-version-min", "1.2");
        w.Option("data-ciphers", AccessTuning.DataCiphers);
        w.Blank();

        w.Comment($"Dead-peer detection, pushed to clients as well (ping {AccessTuning.KeepaliveSeconds}, ping-restart {AccessTuning.KeepaliveTimeoutSeconds}): the idle pings are what");
        w.Comment("costs a phone's battery, so they are not made more frequent; see AccessTuning.");
        w.Option("keepalive", Number(AccessTuning.KeepaliveSeconds), Number(AccessTuning.KeepaliveTimeoutSeconds));
        if (udp)
        {
            w.Comment("UDP: clients reconnect at once when this server restarts, and free their address at once when they stop.");
            w.Option("explicit-exit-notify", "1");
            w.Literal("push \"explicit-exit-notify 1\"");
            w.Comment("UDP: fewer system calls per packet; buffers for bursts at full speed.");
            w.Option("fast-io");
            w.Option("sndbuf", Number(AccessTuning.UdpSocketBufferBytes));
            w.Option("rcvbuf", Number(AccessTuning.UdpSocketBufferBytes));
            w.Comment("TCP inside the tunnel is clamped so that the encrypted packets fit paths with an MTU below 1500.");
            w.Option("mssfix", Number(AccessTuning.UdpMssFix), "mtu");
        }
        else
        {
            w.Comment("TCP: every packet is sent at once, here and (pushed) on the client: no Nagle delay on tunnelled packets.");
            w.Option("tcp-nodelay");
            w.Comment("No sndbuf/rcvbuf: they would switch off the kernel's TCP buffer autotuning. The MSS of tunnelled TCP is");
            w.Comment($"clamped to {AccessTuning.TcpClampedMss} by Causeway's nftables table, so each packet fits one TCP segment.");
        }

        w.Blank();
        w.Comment("---- What clients are told ----");
        if (access.AllowInternet)
        {
            w.Comment("access.allow_internet: all their IPv4 comes here, and leaves only through the provider tunnel.");
            if (access.BlockIpv6)
            {
                w.Comment("access.block_ipv6: their IPv6 is routed into the tunnel too (with a placeholder address) rather than around");
                w.Comment("it, and refused there: the client answers it \"no route\" itself (pushed block-ipv6), so apps fall back to");
                w.Comment("IPv4 at once. A client that ignores the push still sends it here, where it is dropped.");
                w.Literal("push \"redirect-gateway def1 ipv6\"");
                w.Literal($"push \"ifconfig-ipv6 {AccessTuning.BlockedIpv6ClientAddress} {AccessTuning.BlockedIpv6Gateway}\"");
                w.Literal("push \"block-ipv6\"");
            }
            else
            {
                w.Literal("push \"redirect-gateway def1\"");
            }
        }

        if (access.AllowOverlay)
        {
            var overlay = options.OverlaySubnets.IsDefault ? [] : options.OverlaySubnets.Where(IsIpv4).ToList();
            if (overlay.Count > 0)
            {
                w.Comment("access.allow_overlay: the overlay's subnets are reached through this server.");
                foreach (var subnet in overlay)
                {
                    w.Literal($"push \"route {subnet.BaseAddress} {Mask(subnet)}\"");
                }
            }
        }

        if (access.ClientToClient)
        {
            w.Comment("access.client_to_client: clients of this server reach each other here, and those of the other server");
            w.Comment("through the host (the whole pool is routed here).");
            w.Option("client-to-client");
            if (access.Servers.Length > 1)
            {
                w.Literal($"push \"route {access.Pool.BaseAddress} {Mask(access.Pool)}\"");
            }
        }

        var dns = access.DnsViaServer ? access.DnsServers.Insert(0, server.ServerAddress) : access.DnsServers;
        if (!dns.IsEmpty)
        {
            w.Comment(access.DnsViaServer
                ? "access.dns: this server's own address first, where Causeway sends DNS on to the provider's resolver."
                : "access.dns: the resolvers clients should use.");
            foreach (var resolver in dns)
            {
                w.Literal($"push \"dhcp-option DNS {resolver}\"");
            }
        }

        w.Blank();
        w.Comment("---- Causeway's hold on the process ----");
        w.Comment("Status and client-kill through this socket; its directory is 0700 (OpenVPN makes the socket itself 0777).");
        w.Option("management", paths.ManagementSocket(server), "unix");
        w.Option("writepid", paths.PidFile(server));
        w.Comment("Enough log to follow connections; Causeway stamps the lines itself.");
        w.Option("verb", "3");
        w.Option("suppress-timestamps");
        return w.ToString();
    }

    /// <summary>A dotted netmask: 255.255.255.128 for a /25.</summary>
    public static string Mask(IPNetwork network)
    {
        var bits = network.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - network.PrefixLength);
        return new IPAddress([(byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]).ToString();
    }

    private static bool IsIpv4(IPNetwork network) => network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;

    private static void Check(AccessServerConfigOptions options)
    {
        if (!options.Access.Servers.Contains(options.Server))
        {
            throw new ArgumentException($"the {options.Server.TransportName} server is not one of [access]'s servers", nameof(options));
        }

        if (!IsIpv4(options.Server.Subnet) || options.Server.Subnet.PrefixLength > 29)
        {
            throw new ArgumentException($"{options.Server.Subnet}: an access server needs an IPv4 subnet of at least /29", nameof(options));
        }

        var device = options.Server.DeviceName;
        if (!device.StartsWith("tun", StringComparison.Ordinal) || device.Length > 15
            || !device.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException(
                $"device name '{device}' must start with \"tun\", be at most 15 characters and use letters, digits, '-', '_', '.'", nameof(options));
        }

        foreach (var path in options.Paths.PkiFiles.Append(options.Paths.ManagementSocket(options.Server)))
        {
            if (path.Length == 0 || path.Any(char.IsControl))
            {
                throw new ArgumentException($"path '{path}' is empty or contains a control character", nameof(options));
            }
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
