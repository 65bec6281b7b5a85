using Causeway.Core.Access;
using Causeway.Engine.Access;
using Causeway.Engine.Daemon;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// SIGHUP in the daemon loop, on its fakes: the config is read again, only the difference is applied, what restarts
/// restarts in an order that keeps the host closed, and a config that is bad or changes what cannot change live is
/// refused with the running one left in force.
/// </summary>
public sealed class GatewayDaemonReloadTests
{
    [Fact]
    public async Task A_routing_key_is_applied_by_a_reconcile_without_restarting_the_tunnel()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        var lan = $"-4 priority {harness.Owned.ExceptionPriority} iif zt0 to 192.168.77.0/24 lookup 254";
        Assert.DoesNotContain(lan, harness.Host.Rules);

        harness.ConfigText = harness.InitialConfig.Replace("[egress]", "allow_lan = [\"192.168.77.0/24\"]\n\n[egress]", StringComparison.Ordinal);
        await harness.ReloadAsync();

        Assert.Contains(lan, harness.Host.Rules);
        Assert.Single(harness.Egresses);
        Assert.Equal((1, 0), (harness.Tunnel.Starts, harness.Tunnel.Stops));
        Assert.Contains($"-4 unicast default dev {DaemonHarness.TunnelDevice} metric 100", harness.Host.RoutesOf(harness.Owned.RouteTable));
        var reload = harness.Status.Current.Reload!;
        Assert.Equal((1, 0, ReloadStatusReport.Ok, (string?)null), (reload.Count, reload.Failed, reload.LastResult, reload.LastError));
        Assert.Contains("Information: reload: overlay.allow_lan [] → [192.168.77.0/24]; restarting nothing (the reconcile applies it)", harness.Log.Lines);
        Assert.Equal(0, harness.Reconcile.Repairs);
    }

    [Fact]
    public async Task A_new_reconcile_interval_is_the_loops_next_wait()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();

        harness.ConfigText = harness.InitialConfig.Replace("reconcile_interval_seconds = 2", "reconcile_interval_seconds = 7", StringComparison.Ordinal);
        harness.CurrentInterval = TimeSpan.FromSeconds(7);
        await harness.ReloadAsync();
        var runs = harness.Reconcile.Runs;
        await harness.RoundAsync();

        Assert.Equal(runs + 1, harness.Reconcile.Runs);
        Assert.Single(harness.Egresses);
    }

    [Fact]
    public async Task A_new_tunnel_device_stops_the_tunnel_closes_the_host_for_the_new_device_then_starts_a_new_tunnel()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        Assert.Equal(2, harness.ConntrackFlushes.Count);

        harness.ConfigText = harness.InitialConfig.Replace($"device = \"{DaemonHarness.TunnelDevice}\"", "device = \"tuncw9\"", StringComparison.Ordinal);
        await harness.ReloadAsync();

        Assert.Equal(2, harness.Egresses.Count);
        Assert.True(harness.Tunnel.Stops > 0, "the old tunnel was not stopped");
        var next = harness.Egresses[1];
        Assert.Equal(1, next.Starts);

        // The old tunnel's route went with it; the new one gets its route (and a conntrack flush) when it connects.
        Assert.DoesNotContain(harness.Host.RoutesOf(harness.Owned.RouteTable), r => r.Contains(DaemonHarness.TunnelDevice, StringComparison.Ordinal));
        harness.Host.AddLink("tuncw9");
        next.Connect(System.Net.IPAddress.Parse("10.8.0.6"), "tuncw9", generation: 1);
        await harness.WaitingAsync();
        Assert.Contains("-4 unicast default dev tuncw9 metric 100", harness.Host.RoutesOf(harness.Owned.RouteTable));
        Assert.Equal(4, harness.ConntrackFlushes.Count);
        Assert.Equal(0, harness.Reconcile.Repairs);
    }

    [Fact]
    public async Task A_bad_config_is_refused_with_its_place_and_the_running_one_stays_in_force()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        var rules = harness.Host.Rules;

        harness.ConfigText = harness.InitialConfig.Replace("[egress]", "allow_lan = [\"192.168.77.0/24\"]\n\n[egress]\nping_seconds = \"often\"", StringComparison.Ordinal);
        await harness.ReloadAsync();

        var reload = harness.Status.Current.Reload!;
        Assert.Equal((1, 1, ReloadStatusReport.Refused), (reload.Count, reload.Failed, reload.LastResult));
        Assert.StartsWith($"{DaemonHarness.ConfigPath}:", reload.LastError, StringComparison.Ordinal);
        Assert.Contains("egress.ping_seconds", reload.LastError, StringComparison.Ordinal);
        Assert.Contains(harness.Log.Lines, l => l.StartsWith($"Error: {DaemonHarness.ConfigPath}:", StringComparison.Ordinal) && l.Contains("ping_seconds", StringComparison.Ordinal));
        Assert.Contains("Error: reload refused: /etc/causeway/causeway.toml has errors (above); the running config stays in force", harness.Log.Lines);
        Assert.Equal(rules, harness.Host.Rules);
        Assert.Single(harness.Egresses);
        Assert.Equal(0, harness.Tunnel.Stops);

        // And the loop goes on with the config in force: the next good reload is applied.
        harness.ConfigText = harness.InitialConfig.Replace("[egress]", "allow_lan = [\"192.168.77.0/24\"]\n\n[egress]", StringComparison.Ordinal);
        await harness.ReloadAsync();
        Assert.Equal((2, 1, ReloadStatusReport.Ok), (harness.Status.Current.Reload!.Count, harness.Status.Current.Reload.Failed, harness.Status.Current.Reload.LastResult));
        Assert.NotEqual(rules, harness.Host.Rules);
    }

    [Fact]
    public async Task A_change_of_a_name_Causeway_owns_is_refused_and_says_to_restart()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        var rules = harness.Host.Rules;

        harness.ConfigText = harness.InitialConfig
            .Replace("name = \"loop\"", "name = \"loop\"\nnft_table = \"other\"", StringComparison.Ordinal)
            .Replace("[egress]", "allow_lan = [\"192.168.77.0/24\"]\n\n[egress]", StringComparison.Ordinal);
        await harness.ReloadAsync();

        var reload = harness.Status.Current.Reload!;
        Assert.Equal(ReloadStatusReport.Refused, reload.LastResult);
        Assert.StartsWith("instance.nft_table causeway → other: cannot change while causeway up runs; restart it to apply", reload.LastError, StringComparison.Ordinal);
        Assert.Equal(rules, harness.Host.Rules);
        Assert.NotNull(harness.Host.NftRuleComments(harness.Owned.NftTable));
        Assert.Null(harness.Host.NftRuleComments("other"));
    }

    [Fact]
    public async Task The_same_config_again_changes_nothing_and_counts_as_a_good_reload()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        var ran = harness.Host.Ran.Count(l => l.StartsWith("nft -f", StringComparison.Ordinal));

        await harness.ReloadAsync();

        Assert.Equal(ReloadStatusReport.Ok, harness.Status.Current.Reload!.LastResult);
        Assert.Equal(ran, harness.Host.Ran.Count(l => l.StartsWith("nft -f", StringComparison.Ordinal)));
        Assert.Contains(harness.Log.Lines, l => l.EndsWith("says what the running config says: nothing to change", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_access_server_setting_restarts_the_access_servers_but_not_the_tunnel()
    {
        var made = new List<FakeTunnelSupervisor>();
        AccessPaths? paths = null;
        await using var harness = WithAccess(made, p => paths = p);
        await harness.StartAsync();
        Assert.Equal(2, made.Count);

        harness.ConfigText = harness.InitialConfig.Replace("public_address = \"vpn.example.net\"", "public_address = \"vpn.example.net\"\nudp_port = 1195", StringComparison.Ordinal);
        await harness.ReloadAsync();

        Assert.Equal(4, made.Count);
        Assert.All(made.Take(2), s => Assert.True(s.Stops > 0));
        Assert.All(made.Skip(2), s => Assert.Equal(1, s.Starts));
        Assert.Contains("port 1195", harness.Files.ContentOf(paths!.ServerConfig(harness.Settings.Access!.Servers[0])), StringComparison.Ordinal);
        Assert.Equal(1195, harness.Status.Current.Access!.Servers[0].Port);
        Assert.Single(harness.Egresses);
        Assert.Equal(0, harness.Tunnel.Stops);
    }

    [Fact]
    public async Task A_pool_inside_the_overlay_as_ZeroTier_has_it_now_is_refused_as_up_would_refuse_it()
    {
        var made = new List<FakeTunnelSupervisor>();
        await using var harness = WithAccess(made, _ => { });
        await harness.StartAsync();

        harness.ConfigText = harness.InitialConfig.Replace("public_address = \"vpn.example.net\"", "public_address = \"vpn.example.net\"\npool = \"10.222.0.0/24\"", StringComparison.Ordinal);
        await harness.ReloadAsync();

        var reload = harness.Status.Current.Reload!;
        Assert.Equal(ReloadStatusReport.Refused, reload.LastResult);
        Assert.Contains("10.222.0.0/24", reload.LastError, StringComparison.Ordinal);
        Assert.Contains("Error: reload refused: /etc/causeway/causeway.toml conflicts with the overlay (above); the running config stays in force", harness.Log.Lines);
        Assert.Equal(2, made.Count);
    }

    /// <summary>A harness with [access]: the servers' supervisors are fakes on a clock of their own that never moves.</summary>
    private static DaemonHarness WithAccess(List<FakeTunnelSupervisor> made, Action<AccessPaths> paths) => new(
        "[access]\npublic_address = \"vpn.example.net\"\n",
        h =>
        {
            var accessTime = new FakeTimeProvider(DaemonHarness.Start);
            var access = h.Settings.Access!;
            var clients = new AccessClients(access, h.Settings.Instance, h.Files, accessTime);
            paths(clients.Paths);
            var pki = clients.Pki.EnsureReady();
            var servers = new AccessServers(
                access,
                h.Settings.Instance,
                "vpn.example.net",
                clients,
                h.Files,
                (launch, onClientEvent) =>
                {
                    var supervisor = new FakeTunnelSupervisor(accessTime);
                    lock (made)
                    {
                        made.Add(supervisor);
                    }

                    return supervisor;
                },
                h.Status,
                accessTime,
                new TestLogger<AccessServers>());
            return (servers, pki);
        });
}
