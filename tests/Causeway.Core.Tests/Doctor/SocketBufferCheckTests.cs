using Causeway.Core.Doctor;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class SocketBufferCheckTests
{
    private static DoctorFinding Buffers(DoctorFacts facts) => DoctorHost.Finding(facts, DoctorFindingIds.SocketBuffers);

    [Fact]
    public void Limits_at_least_the_requested_size_are_ok()
    {
        var finding = Buffers(DoctorHost.Healthy());

        Assert.Equal((DoctorSeverity.Ok, "net.core.rmem_max=4194304, net.core.wmem_max=4194304"), (finding.Severity, finding.Seen));
    }

    [Fact]
    public void The_stock_limits_are_a_warning_whose_fix_raises_and_keeps_them()
    {
        var finding = Buffers(DoctorHost.Healthy().WithSysctl("net.core.rmem_max", "212992").WithSysctl("net.core.wmem_max", "212992"));

        Assert.Equal(DoctorSeverity.Warning, finding.Severity);
        Assert.StartsWith("net.core.rmem_max=212992, net.core.wmem_max=212992: OpenVPN gets about 425984 bytes of the 2097152", finding.Seen, StringComparison.Ordinal);
        Assert.Equal(
            "sysctl -w net.core.rmem_max=2097152 net.core.wmem_max=2097152 && printf 'net.core.rmem_max = 2097152\\nnet.core.wmem_max = 2097152\\n' > /etc/sysctl.d/60-causeway.conf",
            finding.Fix);
    }

    [Fact]
    public void The_configured_size_is_the_one_compared()
    {
        var small = DoctorHost.Facts(DoctorHost.Settings(egress: "profile = \"provider.ovpn\"\nsocket_buffer_bytes = 131072"))
            .WithSysctl("net.core.rmem_max", "212992").WithSysctl("net.core.wmem_max", "212992");

        Assert.Equal(DoctorSeverity.Ok, Buffers(small).Severity);
    }

    [Fact]
    public void An_overlay_gateway_host_runs_no_tunnel_and_needs_none()
    {
        var facts = DoctorHost.Facts(DoctorHost.GatewaySettings()).WithSysctl("net.core.rmem_max", "212992");

        var finding = Buffers(facts);

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.StartsWith("not needed", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_limits_are_unchecked()
    {
        Assert.Equal(DoctorSeverity.Unchecked, Buffers(DoctorHost.Healthy().WithSysctl("net.core.wmem_max", null)).Severity);
    }
}
