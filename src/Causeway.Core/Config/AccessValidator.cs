using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Causeway.Core.Model;

namespace Causeway.Core.Config;

/// <summary>
/// The semantic checks of [access], run by <see cref="ConfigValidator"/> after [overlay] and [egress] (the pool and
/// the devices are checked against theirs). Every problem is added to the shared list, pointing at its value.
/// </summary>
/// <param name="overlayNetworks">The overlay subnets (interface overlays) and allowed LANs as written, with their key paths.</param>
internal sealed partial class AccessValidator(
    ConfigSourceMap sources,
    IReadOnlySet<string> removed,
    List<ConfigDiagnostic> diagnostics,
    IReadOnlyList<(string Path, IPNetwork Network)> overlayNetworks)
{
    /// <summary>OpenVPN's `server` directive needs at least a /29 (topology subnet).</summary>
    public const int SmallestServerPrefix = 29;

    /// <summary>Larger pools gain nothing and would cover most of a private range.</summary>
    public const int LargestPoolPrefix = 16;

    /// <summary>The word in `dns` that stands for the server's own tun address.</summary>
    public const string ServerDnsWord = "server";

    public AccessSettings Validate(AccessTable table, OverlaySettings overlay, EgressSettings egress)
    {
        var publicAddress = PublicAddress(table.PublicAddress);

        var udpPort = Port(ConfigKeys.AccessUdpPort, table.UdpPort, AccessSettings.DefaultUdpPort, "UDP", out var udpUsable);
        var tcpPort = Port(ConfigKeys.AccessTcpPort, table.TcpPort, AccessSettings.DefaultTcpPort, "TCP", out var tcpUsable);
        if (udpPort == 0 && tcpPort == 0 && udpUsable && tcpUsable)
        {
            Error(ConfigKeys.AccessTcpPort,
                $"{ConfigKeys.AccessUdpPort} and {ConfigKeys.AccessTcpPort} are both 0: no access server would run",
                $"keep at least one, e.g. tcp_port = {AccessSettings.DefaultTcpPort} (gets through networks that block UDP), or remove the [access] section");
        }

        var serverCount = (udpPort > 0 ? 1 : 0) + (tcpPort > 0 ? 1 : 0);
        var pool = Pool(table.Pool, Math.Max(serverCount, 1));

        var allowInternet = table.AllowInternet ?? true;
        var allowOverlay = table.AllowOverlay ?? true;
        if (table.MasqueradeOverlay is not null && !allowOverlay)
        {
            Warning(ConfigKeys.AccessMasqueradeOverlay, $"{ConfigKeys.AccessMasqueradeOverlay}: has no effect with allow_overlay = false", "remove it");
        }

        if (table.BlockIpv6 is not null && !allowInternet)
        {
            Warning(ConfigKeys.AccessBlockIpv6,
                $"{ConfigKeys.AccessBlockIpv6}: has no effect with allow_internet = false (clients' default routes stay theirs)", "remove it");
        }

        var (viaServer, dnsServers) = Dns(table.Dns, allowInternet);

        var udpDevice = Device(ConfigKeys.AccessUdpDevice, table.UdpDevice, AccessSettings.DefaultUdpDeviceName, udpPort > 0 || !udpUsable, "UDP");
        var tcpDevice = Device(ConfigKeys.AccessTcpDevice, table.TcpDevice, AccessSettings.DefaultTcpDeviceName, tcpPort > 0 || !tcpUsable, "TCP");
        if (udpPort > 0 && tcpPort > 0 && udpDevice == tcpDevice)
        {
            Error(ConfigKeys.AccessTcpDevice, $"{ConfigKeys.AccessTcpDevice}: \"{tcpDevice}\" is also {ConfigKeys.AccessUdpDevice}",
                "each server needs a tun device of its own");
        }

        foreach (var (key, device, running) in new[] { (ConfigKeys.AccessUdpDevice, udpDevice, udpPort > 0), (ConfigKeys.AccessTcpDevice, tcpDevice, tcpPort > 0) })
        {
            if (!running)
            {
                continue;
            }

            if (!egress.IsOverlayGateway && device == egress.DeviceName)
            {
                Error(key, $"{key}: \"{device}\" is also {ConfigKeys.EgressDevice}", "each access server needs a tun device of its own, e.g. \"tuncw-udp\"");
            }
            else if (overlay.Source is InterfaceOverlaySource { InterfaceName: var overlayInterface } && device == overlayInterface)
            {
                Error(key, $"{key}: \"{device}\" is also {ConfigKeys.OverlayInterface}", "each access server needs a tun device of its own");
            }
        }

        var servers = ImmutableArray.CreateBuilder<AccessServerSettings>();
        var (lower, upper) = Halves(pool);
        if (udpPort > 0)
        {
            servers.Add(new AccessServerSettings(AccessTransport.Udp, udpPort, udpDevice, serverCount == 2 ? lower : pool));
        }

        if (tcpPort > 0)
        {
            servers.Add(new AccessServerSettings(AccessTransport.Tcp, tcpPort, tcpDevice, serverCount == 2 ? upper : pool));
        }

        return new AccessSettings(
            publicAddress,
            servers.ToImmutable(),
            pool,
            allowInternet,
            allowOverlay,
            table.MasqueradeOverlay ?? true,
            table.ClientToClient ?? false,
            viaServer,
            dnsServers,
            table.BlockIpv6 ?? true);
    }

    /// <summary>The lower and upper halves of a network (one prefix bit longer each).</summary>
    public static (IPNetwork Lower, IPNetwork Upper) Halves(IPNetwork network)
    {
        var prefix = network.PrefixLength + 1;
        var bytes = network.BaseAddress.GetAddressBytes();
        var bit = prefix - 1;
        if (bit < bytes.Length * 8)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return (new IPNetwork(network.BaseAddress, prefix), new IPNetwork(new IPAddress(bytes), prefix));
    }

    private string? PublicAddress(string? text)
    {
        const string key = ConfigKeys.AccessPublicAddress;
        if (text is null)
        {
            return null;
        }

        const string fix = "the name or address phones connect to, e.g. public_address = \"vpn.example.net\" or \"203.0.113.7\"";
        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            Error(key, $"{key}: \"{Printable(text)}\" is empty or contains spaces", fix);
            return null;
        }

        if (NetworkText.TryParseAddress(text, out var address))
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
                || address.Equals(IPAddress.Broadcast) || address.IsIPv6Multicast || address.IsIPv6LinkLocal
                || (address.AddressFamily == AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0)
                || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, ..]))
            {
                Error(key, $"{key}: {address} cannot be reached by clients elsewhere (loopback, unspecified, broadcast, multicast or link-local)", fix);
                return null;
            }

            return address.ToString();
        }

        if (HostWithPort().Match(text) is { Success: true } withPort)
        {
            Error(key, $"{key}: \"{text}\" has a port: the ports are {ConfigKeys.AccessUdpPort} and {ConfigKeys.AccessTcpPort}",
                $"public_address = \"{withPort.Groups["host"].Value}\"");
            return null;
        }

        if (NumbersAndDots().IsMatch(text) || !HostName().IsMatch(text))
        {
            Error(key, $"{key}: \"{Printable(text)}\" is neither an IP address nor a host name", fix);
            return null;
        }

        return text.TrimEnd('.');
    }

    private int Port(string key, long? value, int fallback, string transport, out bool usable)
    {
        usable = !removed.Contains(key);
        if (value is null)
        {
            return fallback;
        }

        if (value is < 0 or > 65535)
        {
            Error(key, $"{key}: {value} is out of range: must be 1 to 65535, or 0 to run no {transport} server");
            usable = false;
            return fallback;
        }

        return (int)value.Value;
    }

    private IPNetwork Pool(string? text, int serverCount)
    {
        const string key = ConfigKeys.AccessPool;
        var fallback = IPNetwork.Parse(AccessSettings.DefaultPool);
        var pool = fallback;
        if (text is not null)
        {
            if (!NetworkText.TryParseNetwork(text, out var parsed, out var problem, out var fix))
            {
                Error(key, $"{key}: \"{Printable(text)}\" {problem}", fix ?? $"e.g. pool = \"{AccessSettings.DefaultPool}\"");
                return fallback;
            }

            if (parsed.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            {
                Error(key, $"{key}: {parsed} is not IPv4: clients get IPv4 addresses (their IPv6 is blocked, never forwarded)",
                    $"e.g. pool = \"{AccessSettings.DefaultPool}\"");
                return fallback;
            }

            var largestPrefix = serverCount == 2 ? SmallestServerPrefix - 1 : SmallestServerPrefix;
            if (parsed.PrefixLength > largestPrefix || parsed.PrefixLength < LargestPoolPrefix)
            {
                var why = parsed.PrefixLength < LargestPoolPrefix
                    ? $"/{parsed.PrefixLength} is larger than needed (at most /{LargestPoolPrefix})"
                    : serverCount == 2
                        ? $"/{parsed.PrefixLength} is too small: it is split in halves between the UDP and TCP servers, and each needs at least a /{SmallestServerPrefix} (OpenVPN's `server`)"
                        : $"/{parsed.PrefixLength} is too small: the server needs at least a /{SmallestServerPrefix} (OpenVPN's `server`)";
                Error(key, $"{key}: {parsed}: {why}", $"a /{LargestPoolPrefix} to /{largestPrefix}, e.g. pool = \"{AccessSettings.DefaultPool}\"");
                return fallback;
            }

            if (!NetworkText.IsPrivate(parsed))
            {
                Warning(key, $"{key}: {parsed} is not a private range: clients could not reach the real hosts at these addresses",
                    $"use a private range, e.g. pool = \"{AccessSettings.DefaultPool}\"");
            }

            pool = parsed;
        }

        // Where a written pool and the overlay or a LAN share addresses, a packet's way back is ambiguous. The
        // default pool is checked too: the message then says to set one.
        foreach (var (path, network) in overlayNetworks)
        {
            if (network.PrefixLength > 0 && NetworkText.Overlap(pool, network))
            {
                var line = sources.Locate(path).Line;
                Error(text is null ? ConfigKeys.Access : key,
                    $"{key}: {pool}{(text is null ? " (the default)" : string.Empty)} overlaps {path} ({network}, line {line})",
                    "choose a pool that no overlay subnet or LAN uses, e.g. pool = \"10.213.0.0/24\"");
                break;
            }
        }

        return pool;
    }

    private (bool ViaServer, ImmutableArray<IPAddress> Servers) Dns(List<string>? values, bool allowInternet)
    {
        const string key = ConfigKeys.AccessDns;
        if (values is null)
        {
            // Default: the server's address, redirected to the provider's resolver through the egress; without the
            // egress that redirect has nowhere to go, so clients keep their own resolvers.
            return (allowInternet, []);
        }

        var viaServer = false;
        var servers = new List<IPAddress>();
        var index = 0;
        foreach (var text in values)
        {
            while (removed.Contains(ConfigKeys.Element(key, index)))
            {
                index++;
            }

            var path = ConfigKeys.Element(key, index++);
            if (text == ServerDnsWord)
            {
                if (viaServer)
                {
                    Error(path, $"{path}: \"{ServerDnsWord}\" is listed twice", "list it once");
                }
                else if (!allowInternet)
                {
                    Error(path,
                        $"{path}: \"{ServerDnsWord}\" redirects clients' DNS to the provider's resolver through the egress, which allow_internet = false closes to them",
                        "list a resolver clients can reach (e.g. one on the overlay), or use dns = [] to leave clients' DNS alone");
                }

                viaServer = true;
                continue;
            }

            if (!NetworkText.TryParseAddress(text, out var address))
            {
                Error(path, $"{path}: \"{Printable(text)}\" is neither \"{ServerDnsWord}\" (the access server's own address) nor an IP address",
                    "e.g. dns = [\"server\"] or dns = [\"9.9.9.9\"]");
            }
            else if (address.AddressFamily != AddressFamily.InterNetwork)
            {
                Error(path, $"{path}: {address} is not IPv4: clients' IPv6 is not carried", "list IPv4 resolvers");
            }
            else if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.Broadcast)
                     || (address.GetAddressBytes()[0] & 0xF0) == 0xE0)
            {
                Error(path, $"{path}: {address} cannot be a resolver for clients (loopback, unspecified, broadcast or multicast)",
                    "e.g. \"server\" or \"9.9.9.9\"");
            }
            else if (servers.Contains(address))
            {
                Error(path, $"{path}: {address} is listed twice", "list it once");
            }
            else
            {
                servers.Add(address);
            }
        }

        return (viaServer, [.. servers]);
    }

    /// <param name="running">The server is on (or its port was wrong: then the device is checked all the same).</param>
    private string Device(string key, string? value, string fallback, bool running, string transport)
    {
        if (value is null)
        {
            return fallback;
        }

        if (!running)
        {
            Warning(key, $"{key}: has no effect: the {transport} server is off (port 0)", "remove it");
        }

        var fix = $"e.g. \"{fallback}\"";
        if (InterfaceNames.Problem(value) is { } problem)
        {
            Error(key, $"{key}: \"{value}\" {problem}", fix);
        }
        else if (!value.StartsWith("tun", StringComparison.Ordinal))
        {
            Error(key,
                $"{key}: \"{value}\" must start with \"tun\": zerotier-one skips only interfaces named lo*, zt*, tun* and tap*, and would otherwise send its own traffic into it",
                fix);
        }
        else if (value == "tun")
        {
            Error(key, $"{key}: \"tun\" alone lets OpenVPN pick any free tunN, and Causeway must know the name", fix);
        }
        else
        {
            return value;
        }

        return fallback;
    }

    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));

    private void Error(string keyPath, string message, string? fix = null) =>
        diagnostics.Add(ConfigDiagnostic.Error(sources, keyPath, message, fix));

    private void Warning(string keyPath, string message, string? fix = null) =>
        diagnostics.Add(ConfigDiagnostic.Warning(sources, keyPath, message, fix));

    /// <summary>RFC 1123 host names: labels of letters, digits and inner hyphens, at most 253 characters, an optional final dot.</summary>
    [GeneratedRegex(@"^(?=.{1,254}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$")]
    private static partial Regex HostName();

    /// <summary>"10.1" or "1.2.3.4.5": meant as an address, but not one.</summary>
    [GeneratedRegex(@"^[0-9.]+$")]
    private static partial Regex NumbersAndDots();

    [GeneratedRegex(@"^(?<host>[A-Za-z0-9.-]+):[0-9]+$")]
    private static partial Regex HostWithPort();
}
