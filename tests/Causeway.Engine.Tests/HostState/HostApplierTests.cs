using Causeway.Core.Planning;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.HostState;

/// <summary>The applier against fakes of the seams: failure handling and state-file bookkeeping (no root needed).</summary>
public sealed class HostApplierTests
{
    private const string StatePath = "/var/lib/causeway/state.json";
    private const string IpForwardPath = "/proc/sys/net/ipv4/ip_forward";
    private static readonly OwnedNames Owned = new("causeway", "causeway", 7270, 7270);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HostChange Nft() => new(HostChangeKind.Add, HostObjectKind.NftTable, "nft table inet causeway", new NftScript("table inet causeway {}\n"));

    private static HostChange Route() => new(
        HostChangeKind.Add,
        HostObjectKind.Route,
        "ip route IPv4 table 7270: unreachable default metric 4294967295",
        new IpCommand(["-4", "route", "replace", "unreachable", "default", "metric", "4294967295", "table", "7270"]));

    private const string RouteCommand = "ip -4 route replace unreachable default metric 4294967295 table 7270";

    private static HostChange Forward() => new(HostChangeKind.Change, HostObjectKind.Sysctl, "sysctl net.ipv4.ip_forward: 0 -> 1", new SysctlWrite(SysctlNames.IpForward, "1"));

    [Fact]
    public async Task Stops_at_the_first_failure_and_says_what_it_was_doing_and_what_to_do()
    {
        var runner = new ScriptedCommandRunner().Answer(
            CommandSpec.Of("nft", "-f", "-").WithInput("table inet causeway {}\n"),
            new CommandResult(1, string.Empty, "Error: Could not process rule: Operation not permitted\n"));
        var files = new InMemoryFileSystem();
        var applier = new HostApplier(runner, files, new StateStore(files, StatePath));
        var plan = new HostPlan(HostPlanPurpose.Converge, Owned, [Nft(), Route(), Forward()], []);

        var error = await Assert.ThrowsAsync<HostApplyException>(() => applier.ApplyAsync(plan, Ct));

        Assert.Equal(
            "applying nft ruleset: `nft` exited with 1: Error: Could not process rule: Operation not permitted (run as root?) "
            + "(change 1 of 3; the ones before it were applied, the rest were not)",
            error.Message);
        Assert.Equal(0, error.Index);
        var only = Assert.Single(runner.Commands);
        Assert.Equal("nft -f -", only.ToString());
        Assert.Equal("table inet causeway {}\n", only.StandardInput);
        Assert.Null(files.ContentOf(IpForwardPath));
    }

    [Fact]
    public async Task Records_a_sysctl_before_changing_it_so_a_failed_write_loses_nothing()
    {
        var files = new InMemoryFileSystem().AddFile(IpForwardPath, "0\n").DenyWrite(IpForwardPath);
        var store = new StateStore(files, StatePath);
        var applier = new HostApplier(new ScriptedCommandRunner().Answer(RouteCommand), files, store);

        var error = await Assert.ThrowsAsync<HostApplyException>(() =>
            applier.ApplyAsync(new HostPlan(HostPlanPurpose.Converge, Owned, [Route(), Forward()], []), Ct));

        Assert.StartsWith("setting sysctl net.ipv4.ip_forward=1: Access to the path '/proc/sys/net/ipv4/ip_forward' is denied. (run as root?)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Index);
        var state = store.Load();
        Assert.Equal(Owned, state.Owned);
        Assert.Equal([new RecordedSysctl(SysctlNames.IpForward, "0", "1")], state.Sysctls);
    }

    [Fact]
    public async Task A_later_write_keeps_the_first_original()
    {
        var files = new InMemoryFileSystem().AddFile(IpForwardPath, "0\n");
        var store = new StateStore(files, StatePath);
        var applier = new HostApplier(new ScriptedCommandRunner(), files, store);
        var plan = new HostPlan(HostPlanPurpose.Converge, Owned, [Forward()], []);

        await applier.ApplyAsync(plan, Ct);
        Assert.Equal("1\n", files.ContentOf(IpForwardPath));

        // A restart: the current value is Causeway's own now, and must not become the "original".
        await applier.ApplyAsync(plan, Ct);

        Assert.Equal([new RecordedSysctl(SysctlNames.IpForward, "0", "1")], store.Load().Sysctls);
    }

    [Fact]
    public async Task Teardown_restores_forgets_and_deletes_the_state_file()
    {
        var files = new InMemoryFileSystem().AddFile(IpForwardPath, "1\n");
        var store = new StateStore(files, StatePath);
        store.RecordOwnedNames(Owned);
        store.RecordSysctl(SysctlNames.IpForward, "0", "1");
        store.RecordSysctl("net.ipv4.conf.tuncw0.rp_filter", "0", "2");
        var applier = new HostApplier(new ScriptedCommandRunner(), files, store);
        var plan = new HostPlan(
            HostPlanPurpose.Teardown,
            Owned,
            [
                new HostChange(HostChangeKind.Change, HostObjectKind.Sysctl, "restore", new SysctlRestore(SysctlNames.IpForward, "0")),
                new HostChange(HostChangeKind.Remove, HostObjectKind.Sysctl, "forget", new SysctlForget("net.ipv4.conf.tuncw0.rp_filter")),
            ],
            []);

        await applier.ApplyAsync(plan, Ct);

        Assert.Equal("0\n", files.ContentOf(IpForwardPath));
        Assert.Null(files.ContentOf(StatePath));
        Assert.Equal(StateFile.Empty, store.Load());
    }

    [Fact]
    public async Task A_failed_teardown_keeps_what_is_still_to_restore()
    {
        var files = new InMemoryFileSystem().AddFile(IpForwardPath, "1\n");
        var store = new StateStore(files, StatePath);
        store.RecordSysctl(SysctlNames.IpForward, "0", "1");
        var runner = new ScriptedCommandRunner().Answer("ip -4 rule del", string.Empty, 2, "RTNETLINK answers: Operation not permitted");
        var applier = new HostApplier(runner, files, store);
        var plan = new HostPlan(
            HostPlanPurpose.Teardown,
            Owned,
            [
                new HostChange(HostChangeKind.Remove, HostObjectKind.Rule, "ip rule IPv4 prio 7271 from all iif zt0 lookup 7270", new IpCommand(["-4", "rule", "del"])),
            ],
            []);

        var error = await Assert.ThrowsAsync<HostApplyException>(() => applier.ApplyAsync(plan, Ct));

        Assert.StartsWith("removing ip rule IPv4 prio 7271 from all iif zt0 lookup 7270: `ip` exited with 2", error.Message, StringComparison.Ordinal);
        Assert.Single(store.Load().Sysctls);
    }
}
