using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Profiles;

namespace Causeway.Core.Config;

/// <summary>
/// The semantic checks: from the bound document (raw values) to <see cref="CausewaySettings"/> with every default
/// filled in. Every problem is collected (YARP style) and points at the value that caused it through the source
/// map. Whether a key was written is asked of the source map, not of the bound value: a value of the wrong type
/// was already reported and taken out (<paramref name="removed"/>), and must not also be reported as missing.
/// </summary>
internal sealed partial class ConfigValidator(ConfigSourceMap sources, IReadOnlySet<string> removed)
{
    /// <summary>sun_path is 108 bytes including the terminating zero.</summary>
    private const int MaximumUnixSocketPathBytes = 107;

    private readonly List<ConfigDiagnostic> _diagnostics = [];

    /// <summary>The overlay subnets (interface overlays) and allowed LANs as written, for the checks of [access].</summary>
    private readonly List<(string Path, IPNetwork Network)> _overlayNetworks = [];

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Always returns settings (defaults where values were wrong); they are only valid if no error was reported.</summary>
    public CausewaySettings Validate(ConfigDocument document, string configPath)
    {
        var instance = ValidateInstance(document.Instance ?? new InstanceTable());
        var overlay = ValidateOverlay(document.Overlay ?? new OverlayTable(), configPath);
        var egress = ValidateEgress(document.Egress ?? new EgressTable(), configPath, overlay);

        if (overlay.Source is InterfaceOverlaySource { InterfaceName: var overlayInterface }
            && overlayInterface == egress.DeviceName && sources.Contains(ConfigKeys.EgressDevice))
        {
            Error(ConfigKeys.EgressDevice, $"{ConfigKeys.EgressDevice}: \"{egress.DeviceName}\" is also {ConfigKeys.OverlayInterface}",
                "the tunnel needs a device of its own");
        }

        AccessSettings? access = null;
        if (sources.Contains(ConfigKeys.Access))
        {
            access = new AccessValidator(sources, removed, _diagnostics, _overlayNetworks)
                .Validate(document.Access ?? new AccessTable(), overlay, egress);
        }

        if (egress.IsOverlayGateway && access is { MasqueradeOverlay: false } && sources.Contains(ConfigKeys.AccessMasqueradeOverlay))
        {
            Warning(ConfigKeys.AccessMasqueradeOverlay,
                $"{ConfigKeys.AccessMasqueradeOverlay}: has no effect with {ConfigKeys.EgressOverlayGateway}: everything access clients send over the overlay is masqueraded to this host's overlay address, so that the gateway needs no route back to the pool",
                "remove it");
        }

        if (egress.IsOverlayGateway && access is null)
        {
            Error(ConfigKeys.EgressOverlayGateway,
                $"{ConfigKeys.EgressOverlayGateway}: needs an [access] section: the gateway carries the access clients' traffic, and overlay members reach it directly",
                "add [access] (Dinosaur's VM), or use profile = \"provider.ovpn\" for a tunnel of this host's own");
        }

        CheckWrittenLines(instance, egress, access);
        return new CausewaySettings(configPath, instance, overlay, egress, access)
        {
            Service = ValidateService(document.Service ?? new ServiceTable(), overlay),
        };
    }

    /// <summary>
    /// The OpenVPN lines Causeway writes from config values (paths, the public address), against OpenVPN's limits:
    /// a line OpenVPN cannot read makes it refuse its config at every start, so it is a config error here, at the
    /// key that made it long.
    /// </summary>
    private void CheckWrittenLines(InstanceSettings instance, EgressSettings egress, AccessSettings? access)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        if (egress.AuthPath is { } auth)
        {
            WrittenLine(reported, ConfigKeys.EgressAuth, "auth-user-pass", auth);
        }

        WrittenLine(reported, ConfigKeys.InstanceRunDir, "management", instance.ManagementSocketPath, "unix");
        WrittenLine(reported, ConfigKeys.InstanceRunDir, "writepid", instance.OpenVpnPidPath);
        if (access is null)
        {
            return;
        }

        var paths = AccessPaths.For(instance);
        foreach (var (name, path) in new[] { ("ca", paths.CaCertificate), ("cert", paths.ServerCertificate), ("key", paths.ServerPrivateKey), ("tls-crypt", paths.TlsCryptKey), ("crl-verify", paths.Crl) })
        {
            WrittenLine(reported, ConfigKeys.InstanceStateDir, name, path);
        }

        foreach (var server in access.Servers)
        {
            WrittenLine(reported, ConfigKeys.InstanceRunDir, "management", paths.ManagementSocket(server), "unix");
            WrittenLine(reported, ConfigKeys.InstanceRunDir, "writepid", paths.PidFile(server));
            if (access.PublicAddress is { } host)
            {
                WrittenLine(reported, ConfigKeys.AccessPublicAddress, "remote", host, server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "tcp");
            }
        }
    }

    private void WrittenLine(HashSet<string> reported, string key, string name, params string[] arguments)
    {
        if (!reported.Contains(key) && OpenVpnLimits.Problem(name, arguments) is { } problem)
        {
            reported.Add(key);
            Error(key, $"{key}: Causeway writes it into an OpenVPN config as `{name} …`; {problem}", "use a shorter value");
        }
    }

    private InstanceSettings ValidateInstance(InstanceTable table)
    {
        var name = table.Name ?? InstanceSettings.DefaultName;
        if (table.Name is not null && !InstanceNames.IsValid(table.Name))
        {
            Error(ConfigKeys.InstanceName,
                $"{ConfigKeys.InstanceName}: \"{table.Name}\" is not a valid name ({InstanceNames.Rule}; it goes into nft comments and log lines)",
                $"e.g. name = \"{InstanceSettings.DefaultName}\"");
        }

        var stateDirectory = AbsoluteDirectory(ConfigKeys.InstanceStateDir, table.StateDir, InstanceSettings.DefaultStateDirectory);
        var runDirectory = AbsoluteDirectory(ConfigKeys.InstanceRunDir, table.RunDir, InstanceSettings.DefaultRunDirectory);
        CheckOwnDirectory(ConfigKeys.InstanceStateDir, table.StateDir, stateDirectory, InstanceSettings.DefaultStateDirectory);
        CheckOwnDirectory(ConfigKeys.InstanceRunDir, table.RunDir, runDirectory, InstanceSettings.DefaultRunDirectory);
        if (table.RunDir is not null)
        {
            var probe = new InstanceSettings(name, stateDirectory, runDirectory, "x", 1, 1, TimeSpan.FromSeconds(1));
            var longest = probe.ManagementSocketPath;
            var bytes = Encoding.UTF8.GetByteCount(longest);
            if (bytes > MaximumUnixSocketPathBytes)
            {
                Error(ConfigKeys.InstanceRunDir,
                    $"{ConfigKeys.InstanceRunDir}: too long: the OpenVPN management socket {longest} would be {bytes} bytes, and unix socket paths have at most {MaximumUnixSocketPathBytes}",
                    $"use a shorter directory, e.g. \"{InstanceSettings.DefaultRunDirectory}\"");
            }
        }

        var nftTable = table.NftTable ?? InstanceSettings.DefaultNftTable;
        if (table.NftTable is not null && NftIdentifiers.Problem(table.NftTable) is { } nftProblem)
        {
            Error(ConfigKeys.InstanceNftTable, $"{ConfigKeys.InstanceNftTable}: \"{table.NftTable}\" {nftProblem}",
                $"e.g. nft_table = \"{InstanceSettings.DefaultNftTable}\"");
        }

        var routeTable = Integer(ConfigKeys.InstanceRouteTable, table.RouteTable, 1, int.MaxValue, InstanceSettings.DefaultRouteTable,
            "a policy-routing table id");
        if (table.RouteTable is 253 or 254 or 255)
        {
            Error(ConfigKeys.InstanceRouteTable,
                $"{ConfigKeys.InstanceRouteTable}: {table.RouteTable} is one of the kernel's own tables (253 default, 254 main, 255 local); Causeway needs a table of its own that it can empty",
                $"pick an unused id, e.g. route_table = {InstanceSettings.DefaultRouteTable}");
        }

        var rulePriority = Integer(ConfigKeys.InstanceRulePriority, table.RulePriority, 1, 32764, InstanceSettings.DefaultRulePriority,
            "Causeway uses this priority and the next; both must sort after the local table's rule at 0 and before the main table's at 32766");
        var interval = Integer(ConfigKeys.InstanceReconcileIntervalSeconds, table.ReconcileIntervalSeconds, 1, 60,
            (int)InstanceSettings.DefaultReconcileInterval.TotalSeconds, "how often the host is checked for drift when no change event came first");

        return new InstanceSettings(name, stateDirectory, runDirectory, nftTable, routeTable, rulePriority, TimeSpan.FromSeconds(interval));
    }

    private OverlaySettings ValidateOverlay(OverlayTable table, string configPath)
    {
        var hasNetwork = sources.Contains(ConfigKeys.OverlayZeroTierNetwork);
        var hasInterface = sources.Contains(ConfigKeys.OverlayInterface);
        if (hasNetwork && hasInterface)
        {
            Error(sources.File, sources.LocateKey(ConfigKeys.OverlayInterface),
                $"{ConfigKeys.Overlay}: both zerotier_network and interface are set; give exactly one",
                "keep zerotier_network for a ZeroTier network, or interface and subnets for any other overlay");
        }
        else if (!hasNetwork && !hasInterface)
        {
            Error(ConfigKeys.Overlay,
                $"{ConfigKeys.Overlay}: no overlay given: set zerotier_network, or interface and subnets",
                "e.g. [overlay] zerotier_network = \"8bd5124fd6f4d0a1\"");
        }

        if (table.Interface is not null && InterfaceNames.Problem(table.Interface) is { } problem)
        {
            Error(ConfigKeys.OverlayInterface, $"{ConfigKeys.OverlayInterface}: \"{table.Interface}\" {problem}");
        }

        OverlaySource source;
        var subnets = Networks(ConfigKeys.OverlaySubnets, table.Subnets);
        if (hasInterface && !hasNetwork)
        {
            source = InterfaceSource(table, subnets);
        }
        else
        {
            source = ZeroTierSource(table, configPath);
            if (sources.Contains(ConfigKeys.OverlaySubnets) && hasNetwork && !hasInterface)
            {
                Error(sources.File, sources.LocateKey(ConfigKeys.OverlaySubnets),
                    $"{ConfigKeys.OverlaySubnets}: only used with {ConfigKeys.OverlayInterface}; with zerotier_network the subnets come from ZeroTier",
                    "remove subnets");
            }
        }

        var lans = Networks(ConfigKeys.OverlayAllowLan, table.AllowLan);
        foreach (var (path, network) in lans)
        {
            if (network.PrefixLength == 0)
            {
                Error(path,
                    $"{path}: {network} is a default route: overlay traffic to every address would leave through the host's uplink, unencrypted",
                    "list only the host's own LANs, e.g. \"192.168.1.0/24\"");
            }
            else if (!NetworkText.IsPrivate(network))
            {
                Warning(path,
                    $"{path}: {network} is not a private range: overlay traffic to it leaves through the host's uplink, not the tunnel",
                    "list only LANs you mean to reach directly");
            }
        }

        // An address must be either on the overlay or on one LAN: overlapping ranges make the exception rules
        // (`to <range> lookup main`) and the forward rules ambiguous.
        // A default route in allow_lan is an error already; that it overlaps everything is no news.
        var all = (source is InterfaceOverlaySource ? subnets : []).Concat(lans.Where(l => l.Network.PrefixLength > 0)).ToList();
        _overlayNetworks.AddRange(all);
        for (var later = 1; later < all.Count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                var (laterPath, laterNetwork) = all[later];
                var (earlierPath, earlierNetwork) = all[earlier];
                if (NetworkText.Overlap(laterNetwork, earlierNetwork))
                {
                    var line = sources.Locate(earlierPath).Line;
                    var what = laterNetwork.Equals(earlierNetwork) ? "is the same network as" : "overlaps";
                    Error(laterPath,
                        $"{laterPath}: {laterNetwork} {what} {earlierPath} ({earlierNetwork}, line {line})",
                        "list each network once: an address is either on the overlay or on one LAN");
                    break;
                }
            }
        }

        return new OverlaySettings(source, [.. lans.Select(l => l.Network)], table.MasqueradeLan ?? true);
    }

    private ZeroTierOverlaySource ZeroTierSource(OverlayTable table, string configPath)
    {
        var networkId = string.Empty;
        if (table.ZerotierNetwork is { } written)
        {
            if (ZeroTierNetworkId().IsMatch(written))
            {
                networkId = written.ToLowerInvariant();
            }
            else
            {
                Error(ConfigKeys.OverlayZeroTierNetwork,
                    $"{ConfigKeys.OverlayZeroTierNetwork}: \"{written}\" is not a ZeroTier network id (16 hex digits)",
                    "copy it from `zerotier-cli listnetworks` or ZeroTier Central, e.g. \"8bd5124fd6f4d0a1\"");
            }
        }

        var home = ResolvedPath(ConfigKeys.OverlayZeroTierHome, table.ZerotierHome, configPath) ?? ZeroTierOverlaySource.DefaultHomeDirectory;
        int? port = table.ZerotierPort is null
            ? null
            : Integer(ConfigKeys.OverlayZeroTierPort, table.ZerotierPort, 1, 65535, ZeroTierOverlaySource.DefaultPort, "a TCP port");
        var wait = Integer(ConfigKeys.OverlayZeroTierWaitSeconds, table.ZerotierWaitSeconds, 0, 3600,
            (int)ZeroTierOverlaySource.DefaultConfigurationWait.TotalSeconds, "how long to wait for the network's configuration");
        return new ZeroTierOverlaySource(networkId, home, port, TimeSpan.FromSeconds(wait));
    }

    private InterfaceOverlaySource InterfaceSource(OverlayTable table, List<(string Path, IPNetwork Network)> subnets)
    {
        var name = table.Interface ?? string.Empty;

        if (!sources.Contains(ConfigKeys.OverlaySubnets))
        {
            Error(ConfigKeys.OverlayInterface,
                $"{ConfigKeys.OverlayInterface} needs {ConfigKeys.OverlaySubnets}: the overlay's networks, which stay on the overlay and are forwarded to the tunnel",
                $"add e.g. subnets = [\"10.147.17.0/24\"] with the networks on {(name.Length > 0 ? name : "the interface")}");
        }
        else if (table.Subnets is { Count: 0 } && !removed.Contains(ConfigKeys.Element(ConfigKeys.OverlaySubnets, 0)))
        {
            Error(ConfigKeys.OverlaySubnets, $"{ConfigKeys.OverlaySubnets}: is empty; {ConfigKeys.OverlayInterface} needs at least one network",
                "e.g. subnets = [\"10.147.17.0/24\"]");
        }

        foreach (var zeroTierOnly in new[] { ConfigKeys.OverlayZeroTierHome, ConfigKeys.OverlayZeroTierPort, ConfigKeys.OverlayZeroTierWaitSeconds })
        {
            if (sources.Contains(zeroTierOnly))
            {
                Warning(zeroTierOnly, $"{zeroTierOnly}: has no effect with {ConfigKeys.OverlayInterface}", "remove it");
            }
        }

        return new InterfaceOverlaySource(name, [.. subnets.Select(s => s.Network)]);
    }

    private EgressSettings ValidateEgress(EgressTable table, string configPath, OverlaySettings overlay)
    {
        var gateway = ValidateOverlayGateway(table, overlay);
        var hasProfile = sources.Contains(ConfigKeys.EgressProfile);
        if (!hasProfile && !sources.Contains(ConfigKeys.EgressOverlayGateway))
        {
            Error(ConfigKeys.Egress, $"{ConfigKeys.EgressProfile} is required (the provider's .ovpn file), or {ConfigKeys.EgressOverlayGateway} (another Causeway host on the overlay that runs the provider tunnel)",
                "add profile = \"provider.ovpn\" under [egress] (a relative path starts from this file's directory), or overlay_gateway = \"<the home gateway's overlay address>\"");
        }
        else if (hasProfile && sources.Contains(ConfigKeys.EgressOverlayGateway))
        {
            Error(ConfigKeys.EgressOverlayGateway,
                $"{ConfigKeys.EgressOverlayGateway}: give either {ConfigKeys.EgressProfile} (a provider tunnel on this host) or {ConfigKeys.EgressOverlayGateway} (a gateway on the overlay that runs one), not both",
                "remove one of the two");
        }

        if (gateway is not null)
        {
            // These configure the provider tunnel this host then does not run: a value here would be silently ignored.
            foreach (var key in TunnelOnlyEgressKeys.Where(sources.Contains))
            {
                Error(key, $"{key}: configures the provider tunnel, and with {ConfigKeys.EgressOverlayGateway} this host runs none",
                    "remove it (the gateway's own config sets its tunnel)");
            }
        }

        var profile = ResolvedPath(ConfigKeys.EgressProfile, table.Profile, configPath) ?? (gateway is null ? string.Empty : null);
        var auth = ResolvedPath(ConfigKeys.EgressAuth, table.Auth, configPath);

        IPAddress? fallbackDns = null;
        if (table.FallbackDns is { } dnsText)
        {
            if (!NetworkText.TryParseAddress(dnsText, out fallbackDns))
            {
                Error(ConfigKeys.EgressFallbackDns, $"{ConfigKeys.EgressFallbackDns}: \"{dnsText}\" is not an IP address",
                    "e.g. fallback_dns = \"9.9.9.9\"");
            }
            else if (fallbackDns.AddressFamily != AddressFamily.InterNetwork)
            {
                Error(ConfigKeys.EgressFallbackDns,
                    $"{ConfigKeys.EgressFallbackDns}: {fallbackDns} is not IPv4; overlay DNS is redirected over IPv4 only (forwarded IPv6 from the overlay is dropped)",
                    "e.g. fallback_dns = \"9.9.9.9\"");
            }
            else if (!NetworkText.IsUnicastHost(fallbackDns))
            {
                Error(ConfigKeys.EgressFallbackDns,
                    $"{ConfigKeys.EgressFallbackDns}: {fallbackDns} cannot be a resolver for forwarded queries (loopback, unspecified, broadcast or multicast)",
                    "give a resolver reachable through the tunnel, e.g. \"9.9.9.9\"");
            }
        }

        var device = table.Device ?? EgressSettings.DefaultDeviceName;
        if (table.Device is not null)
        {
            if (InterfaceNames.Problem(device) is { } problem)
            {
                Error(ConfigKeys.EgressDevice, $"{ConfigKeys.EgressDevice}: \"{device}\" {problem}",
                    $"e.g. device = \"{EgressSettings.DefaultDeviceName}\"");
            }
            else if (!device.StartsWith("tun", StringComparison.Ordinal))
            {
                Error(ConfigKeys.EgressDevice,
                    $"{ConfigKeys.EgressDevice}: \"{device}\" must start with \"tun\": zerotier-one skips only interfaces named lo*, zt*, tun* and tap*, and would otherwise send its own traffic into the tunnel",
                    $"e.g. device = \"{EgressSettings.DefaultDeviceName}\"");
            }
            else if (device == "tun")
            {
                Error(ConfigKeys.EgressDevice,
                    $"{ConfigKeys.EgressDevice}: \"tun\" alone lets OpenVPN pick any free tunN, and Causeway must know the name",
                    $"e.g. device = \"{EgressSettings.DefaultDeviceName}\"");
            }
        }

        var defaults = TunnelTuning.Default;
        var ping = Integer(ConfigKeys.EgressPingSeconds, table.PingSeconds, 1, 3600, defaults.PingSeconds,
            "seconds between keepalives", out var pingUsable);
        var pingRestart = Integer(ConfigKeys.EgressPingRestartSeconds, table.PingRestartSeconds, 1, 86400, defaults.PingRestartSeconds,
            "seconds of silence before the tunnel is restarted", out var pingRestartUsable);
        if (pingRestart <= ping && pingUsable && pingRestartUsable)
        {
            var at = sources.Contains(ConfigKeys.EgressPingRestartSeconds) ? ConfigKeys.EgressPingRestartSeconds : ConfigKeys.EgressPingSeconds;
            Error(at,
                $"{ConfigKeys.EgressPingRestartSeconds} ({pingRestart}) must be greater than {ConfigKeys.EgressPingSeconds} ({ping}): otherwise the tunnel is declared dead between two keepalives",
                $"e.g. ping_restart_seconds = {ping * 5}");
        }

        var socketBuffer = Integer(ConfigKeys.EgressSocketBufferBytes, table.SocketBufferBytes, 0, int.MaxValue, defaults.SocketBufferBytes,
            "bytes; 0 keeps the OS default");
        var txQueueLength = Integer(ConfigKeys.EgressTxQueueLength, table.Txqueuelen, 1, int.MaxValue, defaults.TxQueueLength, "packets");

        return new EgressSettings(profile, auth, fallbackDns, device,
            new TunnelTuning(ping, pingRestart, table.FastIo ?? defaults.FastIo, socketBuffer, txQueueLength))
        {
            OverlayGateway = gateway,
            InternetProbe = ValidateInternetProbe(table.InternetProbe),
            MonthlyBudgetBytes = ValidateMonthlyBudget(table.MonthlyBudgetGb),
            GatewayStatusPort = ValidateGatewayStatusPort(table.GatewayStatusPort, gateway),
        };
    }

    /// <summary>gateway_status_port: a TCP port, and only where there is a gateway to read it from.</summary>
    private int? ValidateGatewayStatusPort(long? port, IPAddress? gateway)
    {
        if (port is null)
        {
            return null;
        }

        var checkedPort = Integer(ConfigKeys.EgressGatewayStatusPort, port, 1, 65535, 0,
            "the TCP port of the gateway's [service] listen on its overlay address", out var usable);
        if (gateway is null)
        {
            Error(ConfigKeys.EgressGatewayStatusPort,
                $"{ConfigKeys.EgressGatewayStatusPort}: reads the status of an overlay gateway, and without {ConfigKeys.EgressOverlayGateway} this host has none",
                "remove it, or set overlay_gateway to the home gateway's overlay address");
            return null;
        }

        return usable ? (int)checkedPort : null;
    }

    /// <summary>monthly_budget_gb: whole gigabytes (10^9 bytes, as clouds bill); null: no budget.</summary>
    private long? ValidateMonthlyBudget(long? gigabytes)
    {
        if (gigabytes is null)
        {
            return null;
        }

        var checkedGigabytes = Integer(ConfigKeys.EgressMonthlyBudgetGb, gigabytes, 1, 1_000_000, 0,
            "gigabytes (10^9 bytes) a month; remove the key for no budget", out var usable);
        return usable ? checkedGigabytes * Traffic.EgressBudget.BytesPerGigabyte : null;
    }

    /// <summary>
    /// [service] listen: "address:port" ("[::1]:port" for IPv6) on loopback or on the overlay. Loopback is checked
    /// here; an overlay address only as far as the config knows the overlay (an interface overlay's subnets): that
    /// it is this host's own is known only at run time, where `up` checks it.
    /// </summary>
    private ServiceSettings ValidateService(ServiceTable table, OverlaySettings overlay)
    {
        if (table.Listen is not { } text)
        {
            return ServiceSettings.None;
        }

        const string Example = "e.g. listen = \"127.0.0.1:9477\" (this host only), or this host's address on the overlay with a port";
        if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port == 0
            || !(text.Contains(']', StringComparison.Ordinal) || endpoint.AddressFamily == AddressFamily.InterNetwork))
        {
            Error(ConfigKeys.ServiceListen,
                $"{ConfigKeys.ServiceListen}: \"{text}\" is not an address and port (write IPv6 in brackets: \"[::1]:{ServiceSettings.DefaultPort}\")", Example);
            return ServiceSettings.None;
        }

        var address = endpoint.Address;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
            endpoint = new IPEndPoint(address, endpoint.Port);
        }

        if (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback))
        {
            return new ServiceSettings(endpoint);
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            Error(ConfigKeys.ServiceListen,
                $"{ConfigKeys.ServiceListen}: {address} would listen on every interface, the uplink too: the API is for this host and the overlay only", Example);
            return ServiceSettings.None;
        }

        if (IPAddress.IsLoopback(address) || !NetworkText.IsUnicastHost(address) || address.IsIPv6LinkLocal)
        {
            Error(ConfigKeys.ServiceListen,
                $"{ConfigKeys.ServiceListen}: {address} is neither 127.0.0.1, ::1 nor an address this host can have on the overlay", Example);
            return ServiceSettings.None;
        }

        if (overlay.Source is InterfaceOverlaySource { Subnets: var subnets } && !subnets.Any(s => s.Contains(address)))
        {
            Error(ConfigKeys.ServiceListen,
                $"{ConfigKeys.ServiceListen}: {address} is outside the overlay's subnets ({string.Join(", ", subnets)}): the API listens only on 127.0.0.1, ::1 or this host's address on the overlay, never on the uplink",
                Example);
            return ServiceSettings.None;
        }

        return new ServiceSettings(endpoint);
    }

    /// <summary>The [egress] keys that only mean something for a provider tunnel run on this host.</summary>
    private static readonly string[] TunnelOnlyEgressKeys =
    [
        ConfigKeys.EgressAuth, ConfigKeys.EgressDevice, ConfigKeys.EgressPingRestartSeconds, ConfigKeys.EgressFastIo,
        ConfigKeys.EgressSocketBufferBytes, ConfigKeys.EgressTxQueueLength,
    ];

    /// <summary>
    /// overlay_gateway: an IPv4 unicast address (the default route via it is IPv4), inside the overlay's subnets when
    /// the config names them; ZeroTier's subnets and this host's own address are known only at run time
    /// (<see cref="Planning.EgressConflicts"/>).
    /// </summary>
    private IPAddress? ValidateOverlayGateway(EgressTable table, OverlaySettings overlay)
    {
        if (table.OverlayGateway is not { } text)
        {
            return null;
        }

        const string Example = "e.g. overlay_gateway = \"10.147.17.5\" (the home gateway's address on the overlay)";
        if (!NetworkText.TryParseAddress(text, out var gateway))
        {
            Error(ConfigKeys.EgressOverlayGateway, $"{ConfigKeys.EgressOverlayGateway}: \"{text}\" is not an IP address", Example);
            return null;
        }

        if (gateway.AddressFamily != AddressFamily.InterNetwork)
        {
            Error(ConfigKeys.EgressOverlayGateway,
                $"{ConfigKeys.EgressOverlayGateway}: {gateway} is not IPv4; clients' traffic is forwarded over IPv4 only (forwarded IPv6 is dropped)", Example);
            return null;
        }

        if (!NetworkText.IsUnicastHost(gateway))
        {
            Error(ConfigKeys.EgressOverlayGateway,
                $"{ConfigKeys.EgressOverlayGateway}: {gateway} cannot be a next hop (loopback, unspecified, broadcast or multicast)", Example);
            return null;
        }

        if (overlay.Source is InterfaceOverlaySource { Subnets: var subnets } && !subnets.Any(s => s.Contains(gateway)))
        {
            Error(ConfigKeys.EgressOverlayGateway,
                $"{ConfigKeys.EgressOverlayGateway}: {gateway} is outside the overlay's subnets ({string.Join(", ", subnets)}): the gateway must be reachable over the overlay",
                "give the gateway's address on the overlay");
            return null;
        }

        return gateway;
    }

    /// <summary>internet_probe: an IPv4 address, or "" / "none" for no end-to-end probe.</summary>
    private IPAddress? ValidateInternetProbe(string? text)
    {
        if (text is null)
        {
            return EgressSettings.DefaultInternetProbe;
        }

        if (text.Length == 0 || text == "none")
        {
            return null;
        }

        if (!NetworkText.TryParseAddress(text, out var target) || target.AddressFamily != AddressFamily.InterNetwork || !NetworkText.IsUnicastHost(target))
        {
            Error(ConfigKeys.EgressInternetProbe,
                $"{ConfigKeys.EgressInternetProbe}: \"{text}\" is not an IPv4 unicast address (the end-to-end probe sends ICMP echoes to it along the clients' path)",
                $"e.g. internet_probe = \"{EgressSettings.DefaultInternetProbe}\", or \"none\"");
            return EgressSettings.DefaultInternetProbe;
        }

        return target;
    }

    /// <summary>A directory that must be absolute: the daemon and `causeway down` must agree on it from anywhere.</summary>
    private string AbsoluteDirectory(string key, string? value, string fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (!value.StartsWith('/'))
        {
            Error(key, $"{key}: \"{value}\" must be an absolute path: `causeway up` and `causeway down` must find the same directory wherever they are started",
                $"e.g. \"{fallback}\"");
            return fallback;
        }

        return ConfigPaths.Normalize(value);
    }

    /// <summary>state_dir and run_dir are Causeway's alone: never a directory the host shares (see <see cref="SharedDirectories"/>).</summary>
    private void CheckOwnDirectory(string key, string? written, string directory, string fallback)
    {
        if (written is null || !written.StartsWith('/') || SharedDirectories.WhyShared(directory) is not { } why)
        {
            return;
        }

        Error(key,
            $"{key}: {why}: Causeway sets the mode of its directory, writes its own files into it and `causeway down` deletes them, so it needs a directory of its own",
            $"name a directory only Causeway uses (it makes it), e.g. \"{fallback}\"");
    }

    /// <summary>A file or directory named in the config; relative to the config file's directory. Null if not written.</summary>
    private string? ResolvedPath(string key, string? value, string configPath)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Trim().Length == 0)
        {
            Error(key, $"{key}: the path is empty", "give a path, or remove the key");
            return null;
        }

        return ConfigPaths.Resolve(configPath, value);
    }

    private List<(string Path, IPNetwork Network)> Networks(string key, List<string>? values)
    {
        var networks = new List<(string, IPNetwork)>();
        if (values is null)
        {
            return networks;
        }

        // Elements of the wrong type were taken out before binding, but the source map numbers them as written.
        var index = 0;
        foreach (var text in values)
        {
            while (removed.Contains(ConfigKeys.Element(key, index)))
            {
                index++;
            }

            var path = ConfigKeys.Element(key, index++);
            if (NetworkText.TryParseNetwork(text, out var network, out var problem, out var fix))
            {
                networks.Add((path, network));
            }
            else
            {
                Error(path, $"{path}: \"{text}\" {problem}", fix);
            }
        }

        return networks;
    }

    private int Integer(string key, long? value, long minimum, long maximum, int fallback, string meaning) =>
        Integer(key, value, minimum, maximum, fallback, meaning, out _);

    /// <param name="usable">
    /// The result means something for cross-checks: the value was valid, or not written (the default applies).
    /// False when it was written but wrong (already reported; the fallback is a stand-in).
    /// </param>
    private int Integer(string key, long? value, long minimum, long maximum, int fallback, string meaning, out bool usable)
    {
        usable = !removed.Contains(key);
        if (value is null)
        {
            return fallback;
        }

        if (value < minimum || value > maximum)
        {
            Error(key, $"{key}: {value} is out of range: must be {minimum} to {maximum} ({meaning})");
            usable = false;
            return fallback;
        }

        return (int)value.Value;
    }

    private void Error(string keyPath, string message, string? fix = null) =>
        _diagnostics.Add(ConfigDiagnostic.Error(sources, keyPath, message, fix));

    private void Error(string file, ConfigSourcePosition at, string message, string? fix = null) =>
        _diagnostics.Add(ConfigDiagnostic.Error(file, at, message, fix));

    private void Warning(string keyPath, string message, string? fix = null) =>
        _diagnostics.Add(ConfigDiagnostic.Warning(sources, keyPath, message, fix));

    [GeneratedRegex("^[0-9A-Fa-f]{16}$")]
    private static partial Regex ZeroTierNetworkId();
}
