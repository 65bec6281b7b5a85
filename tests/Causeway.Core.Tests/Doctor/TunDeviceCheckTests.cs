using Causeway.Core.Doctor;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class TunDeviceCheckTests
{
    private static DoctorFinding Tun(TunDeviceFacts tun) =>
        DoctorHost.Finding(DoctorHost.Healthy() with { TunDevice = tun }, DoctorFindingIds.TunDevice);

    [Fact]
    public void The_tun_character_device_is_ok()
    {
        var finding = Tun(new TunDeviceFacts("/dev/net/tun", true, true, "a character device", 10, 200));

        Assert.Equal((DoctorSeverity.Ok, "/dev/net/tun is the character device 10,200"), (finding.Severity, finding.Seen));
    }

    [Fact]
    public void A_missing_device_is_a_problem_whose_fix_loads_the_module()
    {
        var finding = Tun(new TunDeviceFacts("/dev/net/tun", false, false, "missing", null, null));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("modprobe tun", finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 1, 3, "is the character device 1,3, not tun's")]
    [InlineData(false, null, null, "is a regular file, not a character device")]
    public void Another_file_in_its_place_is_a_problem_whose_fix_makes_the_device(bool character, int? major, int? minor, string seen)
    {
        var finding = Tun(new TunDeviceFacts("/dev/net/tun", true, character, character ? "a character device" : "a regular file", major, minor));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.Equal($"/dev/net/tun {seen}", finding.Seen);
        Assert.Contains("mknod /dev/net/tun c 10 200", finding.Fix, StringComparison.Ordinal);
    }
}
