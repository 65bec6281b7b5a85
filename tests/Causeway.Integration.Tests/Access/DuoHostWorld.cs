using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Causeway.Integration.Tests.HostState;
using Causeway.Lab.Machine;
using Xunit;

namespace Causeway.Integration.Tests.Access;

/// <summary>
/// A Duo host (gw) with Causeway's rules, routes and nft table for [access], and its neighbours: a laptop on the
/// overlay (zt0), a phone behind each access server, and an "internet" at the far end of the uplink whose counters
/// show whatever leaves the host's uplink. The access servers' tun devices are stood in for by veths of the same
/// names (tuncw-udp, tuncw-tcp), with the phone at the other end: Causeway's rules know devices only by name, and a
/// veth lets a test send real packets "from an access client".
/// </summary>
internal sealed class DuoHostWorld : IDisposable
{
    public const string Overlay = "zt0";
    public const string Tun = "tuncw0";
    public const string Echo = "203.0.113.80";
    public const string Laptop = "10.222.0.192";
    public const string UdpPhone = "10.9.0.2";
    public const string TcpPhone = "10.9.0.130";

    private DuoHostWorld(NetnsScope scope, string stateDirectory, CausewaySettings settings, string[] namespaces)
    {
        Scope = scope;
        StateDirectory = stateDirectory;
        Settings = settings;
        (Host, LaptopNs, UdpPhoneNs, TcpPhoneNs, Internet) = (namespaces[0], namespaces[1], namespaces[2], namespaces[3], namespaces[4]);
        Runner = new NetnsCommandRunner(scope.Runner, Host);
        var files = new NetnsFileSystem(scope.Runner, Host);
        Observer = new HostObserver(Runner, files);
        Applier = new HostApplier(Runner, files, StateStore.For(files, settings.Instance));
    }

    public NetnsScope Scope { get; }

    public string StateDirectory { get; }

    public CausewaySettings Settings { get; }

    public string Host { get; }

    public string LaptopNs { get; }

    public string UdpPhoneNs { get; }

    public string TcpPhoneNs { get; }

    public string Internet { get; }

    public NetnsCommandRunner Runner { get; }

    public HostObserver Observer { get; }

    public HostApplier Applier { get; }

    public OwnedNames Owned => OwnedNames.From(Settings.Instance);

    public static TunnelFacts Connected { get; } = new(true, IPAddress.Parse("10.8.0.6"), [IPAddress.Parse("10.8.0.1")]);

    public static TunnelFacts Disconnected { get; } = Connected with { Connected = false };

    public static OverlayFacts OverlayFacts { get; } = new(Overlay, [IPNetwork.Parse("10.222.0.0/24")], [IPAddress.Parse("10.222.0.1")]);

    public static async Task<DuoHostWorld> CreateAsync(NetnsScope scope, EgressState egress, string accessKeys = "")
    {
        string[] names = ["gw", "lap", "pu", "pt", "in"];
        var namespaces = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            namespaces[i] = await scope.AddNamespaceAsync(names[i]);
        }

        var stateDirectory = Path.Combine(Path.GetTempPath(), $"{scope.Prefix}duo");
        var loaded = ConfigLoader.Load(
            $"""
            [instance]
            name = "duo-itest"
            state_dir = "{stateDirectory}"
            run_dir = "{stateDirectory}/run"

            [overlay]
            interface = "{Overlay}"
            subnets = ["10.222.0.0/24"]

            [egress]
            profile = "provider.ovpn"
            fallback_dns = "9.9.9.9"
            device = "{Tun}"

            [access]
            public_address = "192.0.2.2"
            {accessKeys}
            """,
            Path.Combine(stateDirectory, "causeway.toml"));
        Assert.True(loaded.Succeeded, string.Join('\n', loaded.Diagnostics));
        var world = new DuoHostWorld(scope, stateDirectory, loaded.Settings!, namespaces);
        await world.BuildAsync(egress);
        return world;
    }

    public Task<string> HostAsync(string program, params string[] arguments) => ExecAsync(Host, program, arguments);

    public async Task<string> ExecAsync(string ns, string program, params string[] arguments) =>
        (await Scope.ExecAsync(ns, program, arguments)).StandardOutput;

    public DesiredState Desired(TunnelFacts tunnel) => Planner.Plan(Settings, OverlayFacts, tunnel);

    public async Task<HostPlan> PlanAsync(TunnelFacts tunnel) =>
        HostDiff.Diff(Desired(tunnel), await Observer.ObserveAsync(Owned, TestContext.Current.CancellationToken));

    public async Task ConvergeAsync(TunnelFacts tunnel) =>
        await Applier.ApplyAsync(await PlanAsync(tunnel), TestContext.Current.CancellationToken);

    /// <summary>Whether a ping from <paramref name="ns"/> to <paramref name="target"/> is answered (three tries).</summary>
    public async Task<bool> PingsAsync(string ns, string target) =>
        (await Scope.TryExecAsync(ns, "ping", "-c", "3", "-i", "0.2", "-W", "1", target)).Succeeded;

    /// <summary>Packets to <paramref name="rule"/>'s destination that came out of the host's uplink.</summary>
    public async Task<long> LeakedAsync(string rule)
    {
        var ruleset = Core.Nft.NftJsonParser.Parse(await ExecAsync(Internet, "nft", "-j", "list", "table", "inet", "probe"));
        return ruleset.FindTable("inet", "probe")!.FindRule(rule)!.Counter!.Packets;
    }

    /// <summary>Probes from the phones to the echo address that reached the host.</summary>
    public async Task<long> ArrivedAsync()
    {
        var ruleset = Core.Nft.NftJsonParser.Parse(await ExecAsync(Host, "nft", "-j", "list", "table", "inet", "arrivals"));
        return ruleset.FindTable("inet", "arrivals")!.FindRule("phones-to-echo")!.Counter!.Packets;
    }

    /// <summary>A rule's counter in Causeway's table on the host.</summary>
    public async Task<long> CausewayCounterAsync(string comment)
    {
        var table = (await Observer.ObserveAsync(Owned, TestContext.Current.CancellationToken)).NftTable!;
        return table.FindRule(comment)!.Counter!.Packets;
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
        await Scope.AddVethAsync(Host, Overlay, LaptopNs, "l0");
        await HostAsync("ip", "addr", "add", "10.222.0.1/24", "dev", Overlay);
        await ExecAsync(LaptopNs, "ip", "addr", "add", $"{Laptop}/24", "dev", "l0");
        await ExecAsync(LaptopNs, "ip", "route", "add", "default", "via", "10.222.0.1");

        // What each access server's tun looks like to the host: its address and its half of the pool on the device.
        foreach (var (device, ns, phone, server) in new[]
                 {
                     ("tuncw-udp", UdpPhoneNs, UdpPhone, "10.9.0.1"),
                     ("tuncw-tcp", TcpPhoneNs, TcpPhone, "10.9.0.129"),
                 })
        {
            await Scope.AddVethAsync(Host, device, ns, "p0");
            await HostAsync("ip", "addr", "add", $"{server}/25", "dev", device);
            await ExecAsync(ns, "ip", "addr", "add", $"{phone}/25", "dev", "p0");
            await ExecAsync(ns, "ip", "route", "add", "default", "via", server);
        }

        await Scope.AddVethAsync(Host, "up0", Internet, "i-gw");
        await HostAsync("ip", "addr", "add", "192.0.2.2/24", "dev", "up0");
        await HostAsync("ip", "route", "add", "default", "via", "192.0.2.1");
        await ExecAsync(Internet, "ip", "addr", "add", "192.0.2.1/24", "dev", "i-gw");
        await ExecAsync(Internet, "ip", "addr", "add", $"{Echo}/32", "dev", "lo");
        await ExecAsync(Internet, "ip", "route", "add", "10.0.0.0/8", "via", "192.0.2.2");
        var probe = CommandSpec.Of("ip", "netns", "exec", Internet, "nft", "-f", "-").WithInput("""
            table inet probe {
                chain in {
                    type filter hook prerouting priority raw; policy accept;
                    iifname "i-gw" ip daddr 203.0.113.80 counter comment "to-echo"
                    iifname "i-gw" ip saddr 10.9.0.0/24 counter comment "from-pool"
                    iifname "i-gw" ip daddr 10.9.0.0/24 counter comment "to-pool"
                }
            }
            """);
        (await Scope.Runner.RunAsync(probe)).EnsureSuccess("test setup", probe);

        // Strict reverse-path filtering, as on many cloud images: the phones' packets must pass it.
        await HostAsync("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1");
        await HostAsync("sysctl", "-qw", "net.ipv4.conf.default.rp_filter=1");

        // Foreign, on the host: counts probes from the phones on arrival, so that "nothing leaked" cannot mean "nothing was sent".
        var arrivals = CommandSpec.Of("ip", "netns", "exec", Host, "nft", "-f", "-").WithInput("""
            table inet arrivals {
                chain in {
                    type filter hook prerouting priority raw; policy accept;
                    iifname { "tuncw-udp", "tuncw-tcp" } ip daddr 203.0.113.80 counter comment "phones-to-echo"
                }
            }
            """);
        (await Scope.Runner.RunAsync(arrivals)).EnsureSuccess("test setup", arrivals);

        if (egress != EgressState.Absent)
        {
            await HostAsync("ip", "tuntap", "add", "mode", "tun", "dev", Tun);
            if (egress == EgressState.Up)
            {
                await HostAsync("ip", "link", "set", Tun, "up");
            }
        }
    }
}
