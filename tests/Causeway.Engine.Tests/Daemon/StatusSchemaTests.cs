using System.Text.Json;
using Causeway.Engine.Daemon;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>docs/status.schema.json against the JSON the daemon writes (the integration tests hold it against the AOT binary's too).</summary>
public sealed class StatusSchemaTests
{
    [Fact]
    public void A_report_with_every_part_matches_the_schema_and_every_property_is_in_it()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(StatusSamples.Full(), DaemonJsonContext.Default.StatusReport));

        Assert.Empty(StatusSchema.Problems(json.RootElement));
    }

    [Fact]
    public void A_report_of_a_daemon_that_has_only_started_matches_it_too()
    {
        var now = StatusSamples.Now;
        var report = new StatusReport("causeway", 1, "1.2.3", now, new TunnelStatusReport("Stopped", false, now, null, null, null, null, [], 0, 0, 0, 0, null),
            null, new ReconcileStatusReport(false, null, 0, 0, 0, null, []), new KillSwitchReport(false, false, 0));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, DaemonJsonContext.Default.StatusReport));

        Assert.Empty(StatusSchema.Problems(json.RootElement));
    }

    [Fact]
    public void The_check_finds_an_undocumented_property_a_missing_one_and_a_wrong_type()
    {
        var json = JsonSerializer.Serialize(StatusSamples.Full(), DaemonJsonContext.Default.StatusReport)
            .Replace("\"pid\": 4242", "\"pid\": \"4242\"", StringComparison.Ordinal)
            .Replace("\"stale\": false,", "\"stale\": false, \"undocumented\": 1,", StringComparison.Ordinal)
            .Replace("\"converged\": true,", string.Empty, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);

        var problems = StatusSchema.Problems(document.RootElement);

        Assert.Contains("$.pid: String is not \"integer\"", problems);
        Assert.Contains("$.overlay.undocumented: not in docs/status.schema.json", problems);
        Assert.Contains("$.reconcile: no \"converged\"", problems);
    }
}
