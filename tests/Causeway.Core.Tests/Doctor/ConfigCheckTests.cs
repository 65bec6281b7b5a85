using Causeway.Core.Doctor;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class ConfigCheckTests
{
    private static DoctorFinding Config(DoctorFacts facts) => DoctorHost.Finding(facts, DoctorFindingIds.Config);

    [Fact]
    public void A_loaded_config_is_ok_and_names_what_it_set_up()
    {
        var finding = Config(DoctorHost.Healthy());

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.Equal($"loaded: instance causeway, overlay {DoctorHost.Overlay}, egress tuncw0", finding.Seen);
    }

    [Fact]
    public void No_config_at_the_default_path_is_a_warning_and_the_config_dependent_checks_say_so()
    {
        var findings = DoctorEvaluator.Evaluate(DoctorHost.WithoutConfig());

        var config = findings.Single(f => f.Id == DoctorFindingIds.Config);
        Assert.Equal(DoctorSeverity.Warning, config.Severity);
        Assert.StartsWith("no config at /etc/causeway/causeway.toml", config.Seen, StringComparison.Ordinal);
        foreach (var id in new[] { DoctorFindingIds.ZeroTierToken, DoctorFindingIds.ZeroTierApi, DoctorFindingIds.ZeroTierAllowDefault })
        {
            var finding = findings.Single(f => f.Id == id);
            Assert.Equal((DoctorSeverity.Unchecked, "no config at /etc/causeway/causeway.toml"), (finding.Severity, finding.Seen));
        }

        Assert.EndsWith("(Causeway's defaults: no config at /etc/causeway/causeway.toml)", findings.Single(f => f.Id == DoctorFindingIds.PolicyRouting).Checked, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_only_root_may_read_is_unchecked_with_sudo_as_the_way_to_check_it()
    {
        var facts = DoctorHost.Healthy() with
        {
            IsRoot = false,
            Config = new DoctorConfigFacts(DoctorHost.ConfigPath, DoctorConfigState.NeedsRoot, []),
            ZeroTier = null,
        };

        var finding = Config(facts);

        Assert.Equal((DoctorSeverity.Unchecked, "sudo causeway doctor"), (finding.Severity, finding.Fix));
        Assert.Equal("the config /etc/causeway/causeway.toml can only be read by root", DoctorHost.Finding(facts, DoctorFindingIds.ZeroTierApi).Seen);
    }

    [Fact]
    public void A_config_with_errors_is_a_problem_listing_them()
    {
        var error = "/etc/causeway/causeway.toml:7:11: error: egress.device: \"vpn0\" must start with \"tun\"";
        var facts = DoctorHost.Healthy() with { Config = new DoctorConfigFacts(DoctorHost.ConfigPath, DoctorConfigState.Invalid, [error]), ZeroTier = null };

        var finding = Config(facts);

        Assert.Equal((DoctorSeverity.Problem, error), (finding.Severity, finding.Seen));
        Assert.Contains("file:line:column", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_about_the_config_make_a_warning_and_notes_do_not()
    {
        var warning = "/etc/causeway/causeway.toml:9:8: warning: egress.auth: cannot read /etc/causeway/provider.auth to check it (not running as root)";
        var note = "profile /etc/causeway/provider.ovpn: accepted (9 lines kept)";
        var settings = DoctorHost.Settings();

        var warned = Config(DoctorHost.Healthy() with { Config = DoctorConfigFacts.Loaded(settings, [warning, note]) });
        var noted = Config(DoctorHost.Healthy() with { Config = DoctorConfigFacts.Loaded(settings, [note]) });

        Assert.Equal(DoctorSeverity.Warning, warned.Severity);
        Assert.Contains(warning, warned.Seen, StringComparison.Ordinal);
        Assert.Equal(DoctorSeverity.Ok, noted.Severity);
        Assert.EndsWith(note, noted.Seen, StringComparison.Ordinal);
    }
}
