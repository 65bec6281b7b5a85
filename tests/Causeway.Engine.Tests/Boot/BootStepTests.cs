using Causeway.Core.Boot;
using Causeway.Core.Planning;
using Causeway.Engine.Boot;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.Engine.Tests.Boot;

/// <summary>
/// `causeway boot` against strict fakes: one `nft -f`, then the ip commands of the route layer, and nothing else (no
/// look at the host, no sysctl, no file written); with nothing saved, or something it refuses, no command at all.
/// </summary>
public sealed class BootStepTests
{
    private static readonly string[] IpCommands =
    [
        "ip -4 route replace unreachable default metric 4294967295 table 7270",
        "ip -6 route replace unreachable default metric 4294967295 table 7270",
        "ip -4 rule add priority 7271 iif zt0 lookup 7270",
        "ip -4 rule add priority 7271 from 10.222.0.1/32 lookup 7270",
        "ip -6 rule add priority 7271 iif zt0 lookup 7270",
        "ip -4 rule add priority 7270 iif zt0 to 10.222.0.0/24 lookup main",
        "ip -4 rule add priority 7270 from 10.222.0.1/32 to 10.222.0.0/24 lookup main",
    ];

    private static CommandSpec Nft => CommandSpec.Of("nft", "-f", "-").WithInput(Script);

    private static string Script => ((NftScript)BootPlan.For(BootFixtures.Inputs).Changes[0].Operation).Script;

    private static ScriptedCommandRunner Expected()
    {
        var runner = new ScriptedCommandRunner().Answer(Nft, ScriptedCommandRunner.Ok());
        foreach (var command in IpCommands)
        {
            runner.Answer(command);
        }

        return runner;
    }

    [Fact]
    public async Task It_runs_one_nft_transaction_then_the_ip_commands_and_nothing_else()
    {
        var files = BootFixtures.Saved();
        var runner = Expected();

        var result = await new BootStep(BootFixtures.Store(files), runner).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["nft -f -", .. IpCommands], runner.Ran);
        Assert.StartsWith("table inet causeway {}\ndelete table inet causeway\ntable inet causeway {\n", runner.Commands[0].StandardInput, StringComparison.Ordinal);
        Assert.Empty(runner.Unexpected);
        Assert.Empty(files.Writes);
        Assert.Equal(HostPlanPurpose.Boot, result.Plan!.Purpose);
        Assert.Equal(0, result.AlreadyPresent);
    }

    [Fact]
    public async Task With_nothing_saved_it_runs_nothing_and_says_so()
    {
        var runner = new ScriptedCommandRunner();

        var result = await new BootStep(BootFixtures.Store(new InMemoryFileSystem()), runner).RunAsync(TestContext.Current.CancellationToken);

        Assert.True(result.NothingSaved);
        Assert.Equal(BootFixtures.File, result.Path);
        Assert.Empty(runner.Ran);
    }

    [Fact]
    public async Task A_saved_file_it_refuses_changes_nothing()
    {
        var runner = new ScriptedCommandRunner();
        var files = BootFixtures.Saved(json: BootFixtures.Json.Replace("\"zt0\"", "\"zt0\\\"; flush ruleset\"", StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<BootKillSwitchRefusedException>(() => new BootStep(BootFixtures.Store(files), runner).RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains("clients[0].device", refused.Problem, StringComparison.Ordinal);
        Assert.Empty(runner.Ran);
    }

    [Fact]
    public async Task When_nft_fails_no_route_or_rule_follows()
    {
        var runner = new ScriptedCommandRunner().Answer(Nft, new CommandResult(1, string.Empty, "Error: Could not process rule: No such file or directory"));

        var failed = await Assert.ThrowsAsync<HostApplyException>(() => new BootStep(BootFixtures.Store(BootFixtures.Saved()), runner).RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal(0, failed.Index);
        Assert.Equal(["nft -f -"], runner.Ran);
    }

    [Fact]
    public async Task Run_twice_it_leaves_one_of_each_rule()
    {
        var files = BootFixtures.Saved();
        var host = new FakeNetworkHost(files);
        var step = new BootStep(BootFixtures.Store(files), host);
        await step.RunAsync(TestContext.Current.CancellationToken);
        var rules = host.Rules;

        var again = await step.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(IpCommands.Count(c => c.Contains(" rule ", StringComparison.Ordinal)), again.AlreadyPresent);
        Assert.Equal(rules, host.Rules);
        Assert.Equal(2, host.Ran.Count(l => l == "nft -f -"));
    }
}
