using System.Diagnostics;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Uno item 5: someone deletes our rule, route or table, or turns forwarding off → restored within 5 s, and
/// `status` counts the repair. The time is measured from just before the change to the moment it is seen undone.
/// </summary>
[Collection(LabGatewayCollection.Name)]
public sealed class DriftRepairTests(LabGatewayFixture gateway)
{
    private static readonly TimeSpan Requirement = TimeSpan.FromSeconds(5);

    /// <summary>Generous, so that a slow machine shows how long it took rather than a timeout.</summary>
    private static readonly TimeSpan PatienceLimit = TimeSpan.FromSeconds(30);

    public static TheoryData<string> CaseNames => new(DriftCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Drift_is_repaired_within_5_seconds_and_counted(string name)
    {
        var drift = DriftCases.Named(name);
        var up = await gateway.RunningAsync();
        var before = await drift.Observe(gateway);
        var repairsBefore = (await gateway.StatusReportAsync()).Reconcile.Repairs;

        var started = Stopwatch.GetTimestamp();
        var broken = await drift.Break(gateway);
        Assert.True(broken.Succeeded, $"{name}: the change itself failed: {broken.StandardError}");

        string now;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
            now = await drift.Observe(gateway);
        }
        while (now != before && Stopwatch.GetElapsedTime(started) < PatienceLimit);

        var took = Stopwatch.GetElapsedTime(started);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: repaired after {took.TotalSeconds:0.00} s");
        Assert.True(now == before, $"{name}: not repaired within {PatienceLimit.TotalSeconds:0} s.\nbefore:\n{before}\nnow:\n{now}\nlog:\n{up.Tail()}");
        Assert.True(took <= Requirement, $"{name}: repaired after {took.TotalSeconds:0.00} s, more than {Requirement.TotalSeconds:0} s");

        // The counter moves once the repair's apply has returned: give it that moment.
        var repairs = repairsBefore;
        var counted = Stopwatch.GetTimestamp();
        while (repairs <= repairsBefore && Stopwatch.GetElapsedTime(counted) < TimeSpan.FromSeconds(10))
        {
            repairs = (await gateway.StatusReportAsync()).Reconcile.Repairs;
        }

        Assert.True(repairs > repairsBefore, $"{name}: status still says {repairs} repairs (was {repairsBefore})");
        Assert.Contains("repairing drift", up.Log, StringComparison.Ordinal);
        Assert.False(up.HasExited, $"causeway up exited:\n{up.Tail()}");
    }
}
