using System.Net;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Causeway.Lab.Machine;

namespace Causeway.Integration.Tests.HostState;

/// <summary>
/// Three namespaces: a gateway (overlay veth zt0, uplink up0, maybe a tun egress, and FOREIGN state: an nft
/// table, ip rules (one at Causeway's priority), a route table, sysctls), a client on the overlay, and an
/// "internet" at the far end of the uplink whose nft counters show whatever leaks out unencrypted.
/// Causeway's engine runs against the gateway only, through <see cref="NetnsCommandRunner"/> and
/// <see cref="NetnsFileSystem"/>.
/// </summary>
internal sealed class GatewayWorld : IDisposable
{
    public const string Overlay = "zt0";
    public const string Tun = "tuncw0";
    public const string Echo4 = "203.0.113.80";
    public const string Echo6 = "2001:db8:80::80";

    private GatewayWorld(NetnsScope scope, string gateway, string client, string internet, string stateDirectory)
    {
        Scope = scope;
        Gateway = gateway;
        Client = client;
        Internet = internet;
        StateDirectory = stateDirectory;
        Runner = new RecordingCommandRunner(new NetnsCommandRunner(scope.Runner, gateway));
        FileSystem = new NetnsFileSystem(scope.Runner, gateway);
        var instance = new InstanceSettings(
            "itest",
            stateDirectory,
            Path.Combine(stateDirectory, "run"),
            InstanceSettings.DefaultNftTable,
            InstanceSettings.DefaultRouteTable,
            InstanceSettings.DefaultRulePriority,
            InstanceSettings.DefaultReconcileInterval);
        Settings = new CausewaySettings(
            Path.Combine(stateDirectory, "causeway.toml"),
            instance,
            new OverlaySettings(
                new InterfaceOverlaySource(Overlay, [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")]),
                [IPNetwork.Parse("192.168.77.0/24")],
                MasqueradeLans: true),
            new EgressSettings("provider.ovpn", null, IPAddress.Parse("9.9.9.9"), Tun, TunnelTuning.Default));
        Store = StateStore.For(FileSystem, instance);
        Observer = new HostObserver(Runner, FileSystem);
        Applier = new HostApplier(Runner, FileSystem, Store);
    }

    public static TunnelFacts Connected { get; } = new(true, IPAddress.Parse("10.8.0.6"), [IPAddress.Parse("10.8.0.1")]);

    /// <summary>Reconnecting: the pushed DNS is kept (the supervisor keeps it across reconnects).</summary>
    public static TunnelFacts Disconnected { get; } = Connected with { Connected = false };

    public static OverlayFacts OverlayFacts { get; } = new(
        Overlay,
        [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")],
        [IPAddress.Parse("10.222.0.1"), IPAddress.Parse("fdcc:ca5e::1")]);

    public NetnsScope Scope { get; }

    public string Gateway { get; }

    public string Client { get; }

    public string Internet { get; }

    public string StateDirectory { get; }

    public RecordingCommandRunner Runner { get; }

    public NetnsFileSystem FileSystem { get; }

    public CausewaySettings Settings { get; }

    public OwnedNames Owned => OwnedNames.From(Settings.Instance);

    public StateStore Store { get; }

    public HostObserver Observer { get; }

    public HostApplier Applier { get; }

    public static async Task<GatewayWorld> CreateAsync(NetnsScope scope, EgressState egress)
    {
        var gateway = await scope.AddNamespaceAsync("gw");
        var client = await scope.AddNamespaceAsync("cl");
        var internet = await scope.AddNamespaceAsync("in");
        var stateDirectory = Path.Combine(Path.GetTempPath(), $"{scope.Prefix}state");
        var world = new GatewayWorld(scope, gateway, client, internet, stateDirectory);
        await world.BuildAsync(egress);
        return world;
    }

    public Task<string> GatewayAsync(string program, params string[] arguments) => ExecAsync(Gateway, program, arguments);

    public async Task<string> ExecAsync(string ns, string program, params string[] arguments) =>
        (await Scope.ExecAsync(ns, program, arguments)).StandardOutput;

    public DesiredState Desired(TunnelFacts tunnel) => Planner.Plan(Settings, OverlayFacts, tunnel);

    public async Task<HostPlan> PlanAsync(TunnelFacts tunnel) =>
        HostDiff.Diff(Desired(tunnel), await Observer.ObserveAsync(Owned));

    public async Task ConvergeAsync(TunnelFacts tunnel) => await Applier.ApplyAsync(await PlanAsync(tunnel));

    /// <summary>What `down` does: the names and sysctls from the state file, the host as it is now.</summary>
    public async Task<HostPlan> TeardownPlanAsync()
    {
        var state = Store.Load();
        var owned = state.Owned ?? Owned;
        var observed = await Observer.ObserveAsync(owned, state.Sysctls.Select(s => s.Name));
        return HostDiff.Teardown(owned, observed, state.Sysctls);
    }

    /// <summary>Probe packets that came out of the gateway's uplink (counted in the internet namespace).</summary>
    public Task<long> LeakedAsync(bool ipv6) => CountAsync(Internet, "probe", ipv6 ? "probe-v6" : "probe-v4");

    /// <summary>Probe packets that reached the gateway from the client (counted by the gateway's foreign table).</summary>
    public Task<long> ArrivedAsync(bool ipv6) => CountAsync(Gateway, "foreign", ipv6 ? "arrived-v6" : "arrived-v4");

    private async Task<long> CountAsync(string ns, string table, string rule)
    {
        var ruleset = Core.Nft.NftJsonParser.Parse(await ExecAsync(ns, "nft", "-j", "list", "table", "inet", table));
        return ruleset.FindTable("inet", table)!.FindRule(rule)!.Counter!.Packets;
    }

    public void Dispose()
    {
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private async Task BuildAsync(EgressState egress)
    {
        // No duplicate address detection: link-local addresses (and their local routes) are there at once rather than
        // a second or more later, when a snapshot taken in between would see them as a change.
        await GatewayAsync("sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
        await Scope.AddVethAsync(Gateway, Overlay, Client, "cl0");
        await GatewayAsync("ip", "addr", "add", "10.222.0.1/24", "dev", Overlay);
        await GatewayAsync("ip", "addr", "add", "fdcc:ca5e::1/64", "dev", Overlay, "nodad");
        await ExecAsync(Client, "ip", "addr", "add", "10.222.0.192/24", "dev", "cl0");
        await ExecAsync(Client, "ip", "addr", "add", "fdcc:ca5e::c0/64", "dev", "cl0", "nodad");
        await ExecAsync(Client, "ip", "route", "add", "default", "via", "10.222.0.1");
        await ExecAsync(Client, "ip", "-6", "route", "add", "default", "via", "fdcc:ca5e::1");

        await Scope.AddVethAsync(Gateway, "up0", Internet, "i-gw");
        await GatewayAsync("ip", "addr", "add", "192.0.2.2/24", "dev", "up0");
        await GatewayAsync("ip", "addr", "add", "2001:db8:2::2/64", "dev", "up0", "nodad");
        await GatewayAsync("ip", "route", "add", "default", "via", "192.0.2.1");
        await GatewayAsync("ip", "-6", "route", "add", "default", "via", "2001:db8:2::1");
        await ExecAsync(Internet, "ip", "addr", "add", "192.0.2.1/24", "dev", "i-gw");
        await ExecAsync(Internet, "ip", "addr", "add", "2001:db8:2::1/64", "dev", "i-gw", "nodad");
        await ExecAsync(Internet, "ip", "addr", "add", $"{Echo4}/32", "dev", "lo");
        await ExecAsync(Internet, "ip", "addr", "add", $"{Echo6}/128", "dev", "lo");
        await ExecNftAsync(Internet, """
            table inet probe {
                chain in {
                    type filter hook prerouting priority raw; policy accept;
                    iifname "i-gw" ip daddr 203.0.113.80 counter comment "probe-v4"
                    iifname "i-gw" ip6 daddr 2001:db8:80::80 counter comment "probe-v6"
                }
            }
            """);

        if (egress != EgressState.Absent)
        {
            await GatewayAsync("ip", "tuntap", "add", "mode", "tun", "dev", Tun);
            if (egress == EgressState.Up)
            {
                await GatewayAsync("ip", "link", "set", Tun, "up");
            }
        }

        // Foreign state Causeway must leave exactly as it is.
        await ExecNftAsync(Gateway, """
            table inet foreign {
                comment "someone else's"
                chain input {
                    type filter hook input priority filter; policy accept;
                    counter comment "theirs"
                }

                chain arrivals {
                    type filter hook prerouting priority raw; policy accept;
                    iifname "zt0" ip daddr 203.0.113.80 counter comment "arrived-v4"
                    iifname "zt0" ip6 daddr 2001:db8:80::80 counter comment "arrived-v6"
                }
            }
            """);
        await GatewayAsync("ip", "rule", "add", "priority", "100", "from", "10.99.0.0/16", "lookup", "200");
        await GatewayAsync("ip", "rule", "add", "priority", "7270", "fwmark", "0x1", "lookup", "300");
        await GatewayAsync("ip", "route", "add", "blackhole", "10.99.0.0/16", "table", "200");
        await GatewayAsync("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1");
        await GatewayAsync("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        await LinkLocalRoutesAsync(Overlay, "up0");
    }

    /// <summary>Waits until the kernel has put in the local route of each veth's link-local address (it does so on its own time).</summary>
    private async Task LinkLocalRoutesAsync(params string[] devices)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var local = await GatewayAsync("ip", "-6", "route", "show", "table", "local");
            var missing = devices.Where(d => !local.Split('\n').Any(l => l.StartsWith("local fe80::", StringComparison.Ordinal) && l.Contains($" dev {d} ", StringComparison.Ordinal))).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"test setup: no link-local address on {string.Join(", ", missing)} after 10 s:\n{local}");
            }

            await Task.Delay(50);
        }
    }

    private async Task ExecNftAsync(string ns, string ruleset)
    {
        var spec = CommandSpec.Of("ip", "netns", "exec", ns, "nft", "-f", "-").WithInput(ruleset);
        (await Scope.Runner.RunAsync(spec)).EnsureSuccess("test setup", spec);
    }
}
