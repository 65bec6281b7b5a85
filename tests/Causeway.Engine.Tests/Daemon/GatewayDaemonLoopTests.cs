using Causeway.Core.Access;
using Causeway.Core.Planning;
using Causeway.Core.Tunnel;
using Causeway.Engine.Access;
using Causeway.Engine.Daemon;
using Causeway.Engine.HostState;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// The daemon loop (`causeway up`) against fakes: what it puts on the host, in which order, and how it counts, round
/// by round on a clock that only the test moves (<see cref="DaemonHarness"/>).
/// </summary>
public sealed class GatewayDaemonLoopTests
{
    [Fact]
    public async Task The_kill_switch_is_in_place_before_OpenVPN_starts()
    {
        await using var harness = new DaemonHarness();
        var owned = harness.Owned;
        IReadOnlyList<string>? rules = null, routes = null, nft = null;
        harness.OnTunnelStart = () =>
        {
            rules = harness.Host.Rules;
            routes = harness.Host.RoutesOf(owned.RouteTable);
            nft = harness.Host.NftRuleComments(owned.NftTable);
        };

        await harness.StartAsync();

        Assert.Equal(1, harness.Tunnel.Starts);
        Assert.NotNull(rules);

        // Layer a: the overlay's traffic looks up Causeway's table, which holds nothing but "unreachable" yet.
        Assert.Contains($"-4 priority {owned.CatchAllPriority} iif zt0 lookup {owned.RouteTable}", rules);
        Assert.Contains($"-6 priority {owned.CatchAllPriority} iif zt0 lookup {owned.RouteTable}", rules);
        Assert.Equal(["-4 unreachable default metric 4294967295", "-6 unreachable default metric 4294967295"], routes!.Order(StringComparer.Ordinal));

        // Layer b: the nft table with its leak rule.
        Assert.NotNull(nft);
        Assert.Contains(Planner.LeakRuleComment, nft);
    }

    [Fact]
    public async Task A_drift_repair_is_counted_once_however_many_changes_it_takes()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        await harness.RoundAsync();
        var before = harness.Reconcile;
        Assert.True(before.Converged);
        Assert.Equal(0, before.Repairs);

        // Someone deletes the IPv4 unreachable default and the whole nft table.
        harness.Host.DeleteRoute(harness.Owned.RouteTable, "-4 unreachable default");
        harness.Host.DeleteNftTable(harness.Owned.NftTable);
        await harness.RoundAsync();

        var repaired = harness.Reconcile;
        Assert.Equal(1, repaired.Repairs);
        Assert.Equal(before.ChangesApplied + 2, repaired.ChangesApplied);
        Assert.Equal(2, repaired.LastChanges.Length);
        Assert.True(repaired.Converged);
        Assert.Contains("-4 unreachable default metric 4294967295", harness.Host.RoutesOf(harness.Owned.RouteTable));
        Assert.NotNull(harness.Host.NftRuleComments(harness.Owned.NftTable));

        // Repaired means converged: the next rounds change nothing and count nothing.
        await harness.RoundAsync();
        await harness.RoundAsync();
        Assert.Equal(1, harness.Reconcile.Repairs);
        Assert.Equal(repaired.ChangesApplied, harness.Reconcile.ChangesApplied);
        Assert.Equal(repaired.Runs + 2, harness.Reconcile.Runs);
    }

    [Fact]
    public async Task A_change_the_kernel_reports_is_repaired_at_once_without_waiting_for_the_interval()
    {
        await using var harness = new DaemonHarness(hostChanges: true);
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        var ip = await MonitorAsync(harness, "ip");
        var before = harness.Reconcile;
        var loopTime = harness.Fake.GetUtcNow();

        // Someone deletes the IPv4 unreachable default; `ip monitor` says so.
        harness.Host.DeleteRoute(harness.Owned.RouteTable, "-4 unreachable default");
        ip.Spec.OnOutputLine!($"Deleted unreachable default table {harness.Owned.RouteTable} metric 4294967295");
        Assert.Equal(HostChangeWatch.Debounce, await harness.ChangeClock.NextTimerAsync(TestContext.Current.CancellationToken));
        harness.ChangeClock.Fake.Advance(HostChangeWatch.Debounce);
        await harness.WaitingAsync();

        // One round, and the loop's clock never moved: the interval cannot have been what woke it.
        Assert.Equal(loopTime, harness.Fake.GetUtcNow());
        Assert.Equal(before.Runs + 1, harness.Reconcile.Runs);
        Assert.Equal(before.Repairs + 1, harness.Reconcile.Repairs);
        Assert.Contains("-4 unreachable default metric 4294967295", harness.Host.RoutesOf(harness.Owned.RouteTable));
    }

    [Fact]
    public async Task While_the_monitors_hear_nothing_a_round_reads_only_the_nft_table_and_ip_again_after_an_event_or_a_minute()
    {
        await using var harness = new DaemonHarness(hostChanges: true);
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        var ip = await MonitorAsync(harness, "ip");
        await MonitorAsync(harness, "nft");

        // Not before the monitors have had the time to subscribe: until then every round reads everything.
        var reads = (Ip: IpReads(harness), Nft: NftReads(harness));
        await harness.RoundAsync();
        Assert.Equal(reads.Ip + IpReadsPerRound, IpReads(harness));
        harness.ChangeClock.Fake.Advance(HostChangeWatch.ListenGrace);
        await Eventually.WaitUntilAsync(() => harness.HostChanges!.QuietSince(harness.HostChanges.Mark()), "both monitors listening");
        await harness.RoundAsync();

        // Listening, and nothing heard since that full reading: no `ip`, but the table (and its counters) read.
        reads = (IpReads(harness), NftReads(harness));
        await harness.RoundAsync();
        await harness.RoundAsync();
        Assert.Equal(reads.Ip, IpReads(harness));
        Assert.Equal(reads.Nft + 2, NftReads(harness));

        // A drift nobody reported is not seen from a reused reading; once `ip monitor` says so, it is read and repaired.
        harness.Host.DeleteRoute(harness.Owned.RouteTable, "-4 unreachable default");
        await harness.RoundAsync();
        Assert.DoesNotContain("-4 unreachable default metric 4294967295", harness.Host.RoutesOf(harness.Owned.RouteTable));
        ip.Spec.OnOutputLine!($"Deleted unreachable default table {harness.Owned.RouteTable} metric 4294967295");
        harness.ChangeClock.Fake.Advance(HostChangeWatch.Debounce);
        await harness.WaitingAsync();
        Assert.Contains("-4 unreachable default metric 4294967295", harness.Host.RoutesOf(harness.Owned.RouteTable));

        // Quiet again after that, and then a full reading all the same once a minute has passed.
        await harness.RoundAsync();
        reads = (IpReads(harness), NftReads(harness));
        var quietRounds = (int)(RoundObserver.FullReadingAge / DaemonHarness.Interval) - 2;
        for (var i = 0; i < quietRounds; i++)
        {
            await harness.RoundAsync();
        }

        Assert.Equal(reads.Ip, IpReads(harness));
        await harness.RoundAsync();
        await harness.RoundAsync();
        Assert.Equal(reads.Ip + IpReadsPerRound, IpReads(harness));
    }

    // Rules and the routes of Causeway's table, each for IPv4 and IPv6, and the links.
    private const int IpReadsPerRound = 5;

    private static int IpReads(DaemonHarness harness) => harness.Host.Ran.Count(l => l.StartsWith("ip ", StringComparison.Ordinal) && l.Contains("-json", StringComparison.Ordinal));

    private static int NftReads(DaemonHarness harness) => harness.Host.Ran.Count(l => l.StartsWith("nft -j list table", StringComparison.Ordinal));

    [Fact]
    public async Task Byte_counts_alone_reach_the_status_without_a_round()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        var runs = harness.Reconcile.Runs;

        // OpenVPN's counts, every second: published, but nothing on the host depends on them.
        harness.Tunnel.Publish(harness.Tunnel.Current with { BytesIn = 1234, BytesOut = 99 });
        await Eventually.WaitUntilAsync(() => harness.Status.Current.Tunnel.BytesIn == 1234, "the byte counts in the status");
        Assert.Equal(runs, harness.Reconcile.Runs);

        // A change that is more than counts is a round at once.
        await harness.PublishAsync(harness.Tunnel.Current with { BytesIn = 2000, PeerAnswersProbes = false });
        Assert.Equal(runs + 1, harness.Reconcile.Runs);
    }

    [Fact]
    public async Task The_heap_is_compacted_once_the_host_is_as_planned_with_the_tunnel_up_and_not_at_every_round()
    {
        var memory = new FakeProcessMemory();
        await using var harness = new DaemonHarness(memory: memory);
        await harness.StartAsync();

        // Connecting changes the host (the tunnel's routes): not yet settled.
        await harness.ConnectAsync(generation: 1);
        Assert.Equal(0, memory.Compactions);

        await harness.RoundAsync();
        await harness.RoundAsync();

        Assert.Equal((1, 1), (memory.Compactions, memory.PageReleases));
        Assert.Contains(harness.Log.Lines, l => l.Contains("settled: gave the memory no longer used back to the kernel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_monitors_are_killed_when_the_daemon_stops()
    {
        var harness = new DaemonHarness(hostChanges: true);
        await harness.StartAsync();
        var monitors = new[] { await MonitorAsync(harness, "ip"), await MonitorAsync(harness, "nft") };

        await harness.DisposeAsync();

        Assert.All(monitors, m => Assert.Equal([Causeway.Engine.Seams.UnixSignals.Kill], m.Signals));
        Assert.All(monitors, m => Assert.True(m.Exited.IsCompleted));
    }

    [Fact]
    public async Task A_tunnel_change_is_applied_but_not_counted_as_a_repair()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();

        await harness.ConnectAsync(generation: 1);
        Assert.True(harness.Reconcile.ChangesApplied > 0);
        await harness.ConnectAsync(generation: 2, local: "10.8.0.6");

        Assert.Equal(0, harness.Reconcile.Repairs);
        Assert.Contains($"-4 unicast default dev {DaemonHarness.TunnelDevice} metric 100", harness.Host.RoutesOf(harness.Owned.RouteTable));
    }

    [Fact]
    public async Task Conntrack_is_flushed_once_per_connection()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        Assert.Empty(harness.ConntrackFlushes);

        await harness.ConnectAsync(generation: 1);
        string[] once = ["conntrack -D -f ipv4 -s 10.222.0.0/24", "conntrack -D -f ipv6 -s fdcc:ca5e::/64"];
        Assert.Equal(once, harness.ConntrackFlushes);

        // More rounds, and more status updates of the same connection (byte counts: no round of their own), flush nothing more.
        await harness.RoundAsync();
        harness.Tunnel.Publish(harness.Tunnel.Current with { BytesIn = 1000, BytesOut = 2000 });
        await harness.RoundAsync();
        Assert.Equal(once, harness.ConntrackFlushes);

        // A reconnect is a new connection: flushed again, once.
        await harness.PublishAsync(harness.Tunnel.Current with { State = TunnelState.Reconnecting, StateSince = harness.Clock.GetUtcNow() });
        Assert.Equal(once, harness.ConntrackFlushes);
        await harness.ConnectAsync(generation: 2);
        await harness.RoundAsync();
        Assert.Equal(once.Concat(once), harness.ConntrackFlushes);
    }

    [Fact]
    public async Task A_failed_reconcile_keeps_the_loop_going_and_the_next_round_repairs()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        var runs = harness.Reconcile.Runs;

        harness.Host.DeleteNftTable(harness.Owned.NftTable);
        harness.Host.FailOnce(c => c.ToString() == "nft -f -", "Error: Could not process rule: Cannot allocate memory");
        await harness.RoundAsync();

        var failed = harness.Reconcile;
        Assert.False(failed.Converged);
        Assert.Contains("Cannot allocate memory", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(runs + 1, failed.Runs);
        Assert.Null(harness.Host.NftRuleComments(harness.Owned.NftTable));

        await harness.RoundAsync();

        var recovered = harness.Reconcile;
        Assert.True(recovered.Converged);
        Assert.Null(recovered.LastError);
        Assert.Equal(runs + 2, recovered.Runs);
        Assert.NotNull(harness.Host.NftRuleComments(harness.Owned.NftTable));
    }

    [Fact]
    public async Task An_overlay_change_reaches_the_access_servers()
    {
        var made = new List<FakeTunnelSupervisor>();
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AccessPaths? paths = null;
        await using var harness = new DaemonHarness(
            "[access]\npublic_address = \"vpn.example.net\"\n",
            h =>
            {
                // The servers' own polls run on a clock of their own that never moves: only the daemon's rounds count here.
                var accessTime = new FakeTimeProvider(DaemonHarness.Start);
                var access = h.Settings.Access!;
                var clients = new AccessClients(access, h.Settings.Instance, h.Files, accessTime);
                paths = clients.Paths;
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
                            if (made.Count == 4)
                            {
                                restarted.TrySetResult();
                            }
                        }

                        return supervisor;
                    },
                    h.Status,
                    accessTime,
                    new TestLogger<AccessServers>());
                return (servers, pki);
            });
        await harness.StartAsync();
        var udp = paths!.ServerConfig(harness.Settings.Access!.Servers[0]);
        Assert.Equal(2, made.Count);
        Assert.Contains("push \"route 10.222.0.0 255.255.255.0\"", harness.Files.ContentOf(udp), StringComparison.Ordinal);
        Assert.DoesNotContain("10.223.0.0", harness.Files.ContentOf(udp), StringComparison.Ordinal);

        // The controller adds a managed route; the daemon sees it at its next look (one reconcile interval).
        harness.Overlay.Overlay = FakeOverlaySource.Facts(DaemonHarness.OverlayInterface, "10.222.0.1", "10.222.0.0/24", "10.223.0.0/24", "fdcc:ca5e::/64");
        harness.Fake.Advance(DaemonHarness.Interval);
        await restarted.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Contains("push \"route 10.223.0.0 255.255.255.0\"", harness.Files.ContentOf(udp), StringComparison.Ordinal);
        Assert.All(made.Take(2), s => Assert.Equal(1, s.Stops));
        Assert.All(made.Skip(2), s => Assert.Equal(1, s.Starts));
    }

    private static async Task<FakeRunningProcess> MonitorAsync(DaemonHarness harness, string program)
    {
        await Eventually.WaitUntilAsync(() => harness.Monitors.Started.Any(p => p.Spec.Program == program), $"`{program} monitor` started");
        return harness.Monitors.Started.First(p => p.Spec.Program == program);
    }
}
