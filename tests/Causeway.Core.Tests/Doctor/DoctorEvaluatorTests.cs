using System.Text.Json;
using Causeway.Core.Doctor;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

/// <summary>The report as a whole: every finding once, in order; a healthy host has no problem; the JSON contract.</summary>
public sealed class DoctorEvaluatorTests
{
    [Fact]
    public void Every_finding_id_is_reported_once_in_order()
    {
        var findings = DoctorEvaluator.Evaluate(DoctorHost.Healthy());

        Assert.Equal(DoctorFindingIds.All, findings.Select(f => f.Id));
    }

    [Fact]
    public void Without_a_config_every_id_is_still_reported()
    {
        var findings = DoctorEvaluator.Evaluate(DoctorHost.WithoutConfig());

        Assert.Equal(DoctorFindingIds.All, findings.Select(f => f.Id));
    }

    [Fact]
    public void A_healthy_host_has_only_ok_findings()
    {
        var findings = DoctorEvaluator.Evaluate(DoctorHost.Healthy());

        var notOk = findings.Where(f => f.Severity != DoctorSeverity.Ok).Select(f => $"{f.Id}: {f.Severity}: {f.Seen}");
        Assert.Empty(notOk);
        Assert.All(findings, f => Assert.Null(f.Fix));
    }

    [Fact]
    public void Every_problem_and_warning_has_a_fix()
    {
        // Everything wrong at once: no tun, old programs, strict rp_filter, Docker, a foreign rule, a clock in the past.
        var facts = DoctorHost.Healthy() with
        {
            TunDevice = new TunDeviceFacts(TunDeviceFacts.DefaultPath, false, false, "missing", null, null),
            Programs = DoctorHost.Programs(nft: "nftables v0.9.8 (E.D.S.)", openvpn: "OpenVPN 2.5.1 x86_64"),
            Nftables = Observed.Of(DoctorHost.Ruleset(DoctorHost.DockerFilter())),
            Rules = Observed.Of(DoctorHost.OwnRules().Add(DoctorHost.Rule(7270, "100"))),
            Clock = new ClockFacts(DoctorHost.Built.AddDays(-400), [new ClockFloor("this causeway's build date", DoctorHost.Built)], []),
        };
        facts = facts.WithSysctl("net.ipv4.conf.all.rp_filter", "1").WithSysctl($"net.ipv4.conf.{DoctorHost.Tun}.rp_filter", "0")
            .WithSysctl("net.core.rmem_max", "212992");

        var findings = DoctorEvaluator.Evaluate(facts);

        var wrong = findings.Where(f => f.Severity is DoctorSeverity.Problem or DoctorSeverity.Warning).ToList();
        Assert.True(wrong.Count >= 8, string.Join("\n", findings.Select(f => $"{f.Id}: {f.Severity}")));
        Assert.All(wrong, f => Assert.False(string.IsNullOrWhiteSpace(f.Fix), $"{f.Id} has no fix"));
    }

    [Fact]
    public void The_json_has_lowercase_severities_camel_case_fields_and_the_summary()
    {
        var facts = DoctorHost.Healthy() with { TunDevice = new TunDeviceFacts(TunDeviceFacts.DefaultPath, false, false, "missing", null, null) };
        var report = DoctorEvaluator.Report(facts);

        var json = JsonSerializer.Serialize(report, DoctorJsonContext.Default.DoctorReport);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(DoctorReport.CurrentVersion, root.GetProperty("version").GetInt32());
        Assert.Equal(DoctorHost.ConfigPath, root.GetProperty("config").GetString());
        Assert.True(root.GetProperty("root").GetBoolean());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("problems").GetInt32());
        var tun = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == DoctorFindingIds.TunDevice);
        Assert.Equal("problem", tun.GetProperty("severity").GetString());
        Assert.StartsWith("modprobe tun", tun.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.False(root.TryGetProperty("hasProblems", out _));
        Assert.True(report.HasProblems);
    }

    [Fact]
    public void The_json_reads_back_into_the_same_report()
    {
        var report = DoctorEvaluator.Report(DoctorHost.WithoutConfig());

        var json = JsonSerializer.Serialize(report, DoctorJsonContext.Default.DoctorReport);
        var back = JsonSerializer.Deserialize(json, DoctorJsonContext.Default.DoctorReport)!;

        Assert.Equal(report.Findings, back.Findings);
        Assert.Equal(report.Summary, back.Summary);
        Assert.Null(back.Config);
    }
}
