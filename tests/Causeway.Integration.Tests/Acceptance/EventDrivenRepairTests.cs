using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Drift is repaired on the kernel's change events (`ip monitor`, `nft monitor`), not by polling: `up` runs with a
/// reconcile interval of 60 s, someone deletes one nft rule or one route, and the host must be as before while the
/// next poll is still far off. An ordering of events (repaired, then the poll would be due), not a measured time;
/// how long it took is printed.
/// </summary>
[Collection(LabGatewayCollection.Name)]
public sealed class EventDrivenRepairTests(LabGatewayFixture gateway)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    public static TheoryData<string> CaseNames => new("nft-rule-deleted", "unreachable-default-deleted", "catch-all-rule-deleted");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_deleted_rule_or_route_is_repaired_before_the_next_poll_is_due(string name)
    {
        gateway.EnsureReady();
        var drift = DriftCases.Named(name);
        var original = await File.ReadAllTextAsync(gateway.ConfigPath, Ct);
        await gateway.ResetAsync();
        try
        {
            await File.WriteAllTextAsync(
                gateway.ConfigPath,
                original.Replace("[instance]\n", $"[instance]\nreconcile_interval_seconds = {Interval.TotalSeconds}\n", StringComparison.Ordinal),
                Ct);
            var up = gateway.Start();
            await gateway.WaitReadyAsync(up);
            var before = await drift.Observe(gateway);

            // The last round so far: the interval's next round is due no earlier than a full interval after it.
            var lastRound = (await gateway.StatusReportAsync()).Reconcile.LastRun
                ?? throw new InvalidOperationException("a converged `up` reports no last round");
            var pollDue = lastRound + Interval;

            var broken = await drift.Break(gateway);
            var brokenAt = DateTimeOffset.UtcNow;
            Assert.True(broken.Succeeded, $"{name}: the change itself failed: {broken.StandardError}");

            string now;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
                now = await drift.Observe(gateway);
            }
            while (now != before && DateTimeOffset.UtcNow < pollDue);

            var repairedAt = DateTimeOffset.UtcNow;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{name}: repaired {(repairedAt - brokenAt).TotalSeconds:0.00} s after the change; the poll was due {(pollDue - repairedAt).TotalSeconds:0} s later");
            Assert.True(now == before, $"{name}: not repaired before the next poll was due.\nbefore:\n{before}\nnow:\n{now}\nlog:\n{up.Tail()}");
            Assert.True(repairedAt < pollDue, $"{name}: repaired only when the poll was due");
            await up.WaitForLogAsync("repairing drift", TimeSpan.FromSeconds(10));
            Assert.Contains("repairing drift", up.Log, StringComparison.Ordinal);
            Assert.False(up.HasExited, $"causeway up exited:\n{up.Tail()}");
        }
        finally
        {
            await File.WriteAllTextAsync(gateway.ConfigPath, original, CancellationToken.None);
            await gateway.ResetAsync();
        }
    }
}
