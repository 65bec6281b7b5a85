using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// `causeway plan` needs no root, as the README says: as a user it reads the config, the profile and what else the
/// user may read, says what it could not (the root-only auth file, nftables), and prints the plan; nothing changes.
/// </summary>
public sealed class PlanAsUserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plan_as_a_user_prints_the_plan_and_says_what_it_could_not_read()
    {
        await using var world = await BadInputWorld.CreateAsync();
        var before = await NamespaceSnapshot.CaptureAsync(world.Namespace, Ct);

        var plan = await world.CausewayAsync(RunAs.Nobody, "plan", "-c", world.ConfigPath);

        var output = $"exit {plan.ExitCode}\n--- stdout ---\n{plan.StandardOutput}--- stderr ---\n{plan.StandardError}";
        Assert.True(plan.ExitCode == 0, output);
        Assert.DoesNotContain(": error: ", plan.StandardError, StringComparison.Ordinal);
        Assert.Contains($"warning: egress.auth: cannot read {world.PathOf("provider.auth")} to check it (not running as root)", plan.StandardError, StringComparison.Ordinal);
        Assert.Contains("(not read without root: nft table inet causeway (reading nftables needs root): planned as if it were absent;", plan.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("table inet causeway", plan.StandardOutput, StringComparison.Ordinal);
        var after = await NamespaceSnapshot.CaptureAsync(world.Namespace, Ct);
        Assert.True(before.DifferencesTo(after).IsEmpty, $"plan changed the namespace:\n{NamespaceSnapshot.Diff(before, after)}\n{output}");
        Assert.False(Directory.Exists(world.RunDirectory), $"{world.RunDirectory} was created");
    }
}
