using Causeway.Core.Doctor;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class ZeroTierCheckTests
{
    private const string Token = "/var/lib/zerotier-one/authtoken.secret";

    private static DoctorFacts WithToken(ZeroTierTokenState state, string detail = "") => DoctorHost.Healthy() with
    {
        ZeroTier = DoctorHost.Healthy().ZeroTier! with { Token = new ZeroTierTokenFacts(Token, state, detail), Api = null },
    };

    private static DoctorFacts WithApi(ZeroTierApiOutcome outcome, string message) => DoctorHost.Healthy() with
    {
        ZeroTier = DoctorHost.Healthy().ZeroTier! with { Api = new ZeroTierApiFacts(outcome, message) },
    };

    private static DoctorFacts Gateway(bool allowDefault)
    {
        var facts = DoctorHost.Facts(DoctorHost.GatewaySettings());
        return facts with { ZeroTier = facts.ZeroTier! with { Api = new ZeroTierApiFacts(ZeroTierApiOutcome.Answered, string.Empty, DoctorHost.Network(allowDefault)) } };
    }

    [Fact]
    public void A_readable_token_and_an_answering_API_are_ok()
    {
        var token = DoctorHost.Finding(DoctorHost.Healthy(), DoctorFindingIds.ZeroTierToken);
        var api = DoctorHost.Finding(DoctorHost.Healthy(), DoctorFindingIds.ZeroTierApi);

        Assert.Equal((DoctorSeverity.Ok, $"{Token} is readable"), (token.Severity, token.Seen));
        Assert.Equal(DoctorSeverity.Ok, api.Severity);
        Assert.Equal($"zerotier-one 1.14.2 answers; network {DoctorHost.NetworkId} (home) is OK on {DoctorHost.Overlay}, this node fa8d1d33a9 at 10.222.0.1/24", api.Seen);
    }

    [Theory]
    [InlineData(ZeroTierTokenState.Missing, DoctorSeverity.Problem, "systemctl enable --now zerotier-one")]
    [InlineData(ZeroTierTokenState.Empty, DoctorSeverity.Problem, "systemctl restart zerotier-one")]
    [InlineData(ZeroTierTokenState.Unreadable, DoctorSeverity.Problem, "restart zerotier-one")]
    [InlineData(ZeroTierTokenState.NeedsRoot, DoctorSeverity.Unchecked, "sudo causeway doctor")]
    public void A_token_that_cannot_be_read_says_why_and_what_to_do(ZeroTierTokenState state, DoctorSeverity severity, string fix)
    {
        var facts = WithToken(state, "Permission denied");

        var token = DoctorHost.Finding(facts, DoctorFindingIds.ZeroTierToken);
        var api = DoctorHost.Finding(facts, DoctorFindingIds.ZeroTierApi);

        Assert.Equal(severity, token.Severity);
        Assert.Contains(fix, token.Fix, StringComparison.Ordinal);
        Assert.Equal((DoctorSeverity.Unchecked, "not asked: its token could not be read (zerotier.token)"), (api.Severity, api.Seen));
    }

    [Theory]
    [InlineData(ZeroTierApiOutcome.NotRunning, DoctorSeverity.Problem, "systemctl enable --now zerotier-one")]
    [InlineData(ZeroTierApiOutcome.Starting, DoctorSeverity.Warning, "run causeway doctor again in a few seconds")]
    [InlineData(ZeroTierApiOutcome.NotJoined, DoctorSeverity.Problem, "zerotier-cli join 8bd5124fd6f4d0a1")]
    [InlineData(ZeroTierApiOutcome.NetworkUnusable, DoctorSeverity.Problem, "authorize this member")]
    [InlineData(ZeroTierApiOutcome.Failed, DoctorSeverity.Problem, "zerotier_home and zerotier_port")]
    public void Each_API_outcome_has_its_severity_and_fix(ZeroTierApiOutcome outcome, DoctorSeverity severity, string fix)
    {
        var finding = DoctorHost.Finding(WithApi(outcome, "what zerotier-one said"), DoctorFindingIds.ZeroTierApi);

        Assert.Equal(severity, finding.Severity);
        Assert.Contains("what zerotier-one said", finding.Seen, StringComparison.Ordinal);
        Assert.Contains(fix, finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlay_that_is_not_ZeroTier_needs_neither_token_nor_API()
    {
        var facts = DoctorHost.Facts(DoctorHost.Settings(overlay: "interface = \"wg0\"\nsubnets = [\"10.7.0.0/24\"]")) with { ZeroTier = null };

        foreach (var id in new[] { DoctorFindingIds.ZeroTierToken, DoctorFindingIds.ZeroTierApi, DoctorFindingIds.ZeroTierAllowDefault, DoctorFindingIds.ZeroTierBindDevices })
        {
            var finding = DoctorHost.Finding(facts, id);
            Assert.Equal(DoctorSeverity.Ok, finding.Severity);
            Assert.StartsWith("not needed", finding.Seen, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AllowDefault_on_a_host_whose_egress_is_an_overlay_gateway_is_a_problem()
    {
        var finding = DoctorHost.Finding(Gateway(allowDefault: true), DoctorFindingIds.ZeroTierAllowDefault);

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("allowDefault is on for network 8bd5124fd6f4d0a1 on this host", finding.Seen, StringComparison.Ordinal);
        Assert.Equal("zerotier-cli set 8bd5124fd6f4d0a1 allowDefault=0", finding.Fix);
    }

    [Fact]
    public void AllowDefault_off_there_is_ok()
    {
        var finding = DoctorHost.Finding(Gateway(allowDefault: false), DoctorFindingIds.ZeroTierAllowDefault);

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
    }

    [Fact]
    public void AllowDefault_does_not_matter_on_a_host_with_its_own_provider_tunnel()
    {
        var facts = DoctorHost.Healthy() with
        {
            ZeroTier = DoctorHost.Healthy().ZeroTier! with { Api = new ZeroTierApiFacts(ZeroTierApiOutcome.Answered, string.Empty, DoctorHost.Network(allowDefault: true)) },
        };

        var finding = DoctorHost.Finding(facts, DoctorFindingIds.ZeroTierAllowDefault);

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.StartsWith("not needed", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowDefault_is_unchecked_when_the_API_did_not_answer()
    {
        var facts = Gateway(allowDefault: true);
        facts = facts with { ZeroTier = facts.ZeroTier! with { Api = new ZeroTierApiFacts(ZeroTierApiOutcome.NotRunning, "not running") } };

        var finding = DoctorHost.Finding(facts, DoctorFindingIds.ZeroTierAllowDefault);

        Assert.Equal(DoctorSeverity.Unchecked, finding.Severity);
    }
}
