using System.Net;
using Causeway.Core.Boot;
using Causeway.Core.Planning;
using Causeway.Engine.Boot;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// `causeway boot` (the AOT binary) in a namespace of its own, as causeway-boot.service runs it at early boot: the
/// saved kill switch in place (its devices absent), twice without harm, nothing with nothing saved, and nothing but
/// exit 2 for a file it refuses.
/// </summary>
public sealed class BootCommandTests
{
    private static readonly PlanningInputs Inputs = new(
        new OwnedNames("boottest", "cwboot", 7470, 7470),
        [new ClientInterface("ztboot0", [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")], [IPAddress.Parse("10.222.0.1")])],
        new Egress("tunboot0", Usable: false),
        [],
        MasqueradeLans: true,
        IPAddress.Parse("9.9.9.9"));

    [Fact]
    public async Task The_saved_kill_switch_is_put_in_place_with_its_devices_absent_and_a_second_run_changes_nothing()
    {
        await using var scope = NetnsScope.Create();
        var ns = await scope.AddNamespaceAsync("boot");
        using var temp = new TempDirectory();
        var state = Save(temp, SavedKillSwitchCodec.Write(Inputs));

        var first = await scope.TryExecAsync(ns, CausewayBinary.Path, "boot", "--state-dir", state);
        var rules = (await scope.ExecAsync(ns, "ip", "rule", "show")).StandardOutput;
        var second = await scope.TryExecAsync(ns, CausewayBinary.Path, "boot", "--state-dir", state);

        Assert.True(first.Succeeded, first.StandardError);
        Assert.Contains("is in place", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("7471:\tfrom all iif ztboot0 [detached] lookup 7470", rules, StringComparison.Ordinal);
        Assert.Contains("unreachable default", (await scope.ExecAsync(ns, "ip", "route", "show", "table", "7470")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains("unreachable default", (await scope.ExecAsync(ns, "ip", "-6", "route", "show", "table", "7470")).StandardOutput, StringComparison.Ordinal);
        var table = (await scope.ExecAsync(ns, "nft", "list", "table", "inet", "cwboot")).StandardOutput;
        Assert.Contains("iifname \"ztboot0\" counter packets 0 bytes 0 drop comment \"drop-client-other\"", table, StringComparison.Ordinal);

        Assert.True(second.Succeeded, second.StandardError);
        Assert.Contains("(6 already there)", second.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(rules, (await scope.ExecAsync(ns, "ip", "rule", "show")).StandardOutput);
    }

    [Fact]
    public async Task With_nothing_saved_it_changes_nothing_and_exits_0()
    {
        await using var scope = NetnsScope.Create();
        var ns = await scope.AddNamespaceAsync("boot");
        using var temp = new TempDirectory();

        var result = await scope.TryExecAsync(ns, CausewayBinary.Path, "boot", "--state-dir", temp.Path);

        Assert.True(result.Succeeded, result.StandardError);
        Assert.Contains("nothing to do", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await scope.ExecAsync(ns, "nft", "list", "ruleset")).StandardOutput.Trim());
    }

    [Fact]
    public async Task A_file_it_refuses_is_bad_input_exit_2_and_nothing_changes()
    {
        await using var scope = NetnsScope.Create();
        var ns = await scope.AddNamespaceAsync("boot");
        using var temp = new TempDirectory();
        var state = Save(temp, SavedKillSwitchCodec.Write(Inputs).Replace("\"ztboot0\"", "\"ztboot0 \\\"\"", StringComparison.Ordinal));
        var rulesBefore = (await scope.ExecAsync(ns, "ip", "rule", "show")).StandardOutput;

        var result = await scope.TryExecAsync(ns, CausewayBinary.Path, "boot", "--state-dir", state);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"refusing the saved kill switch: {Path.Combine(state, "boot", "kill-switch.json")}: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("clients[0].device", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("nothing was changed on this host", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await scope.ExecAsync(ns, "nft", "list", "ruleset")).StandardOutput.Trim());
        Assert.Equal(rulesBefore, (await scope.ExecAsync(ns, "ip", "rule", "show")).StandardOutput);
    }

    /// <summary>Saves as `up` does (0600 in 0700 directories, root's); returns the state directory.</summary>
    private static string Save(TempDirectory temp, string json)
    {
        var state = temp.File("state");
        new BootKillSwitchStore(new LinuxFileSystem(), state).Save(json);
        return state;
    }
}
