using Causeway.Core.Doctor;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class ClockCheckTests
{
    private static readonly ClockFloor Build = new("this causeway's build date", DoctorHost.Built);
    private static readonly ClockFloor Ca = new("the access CA's validity start", new DateTimeOffset(2026, 5, 30, 8, 0, 0, TimeSpan.Zero));

    private static DoctorFinding Clock(ClockFacts clock) => DoctorHost.Finding(DoctorHost.Healthy() with { Clock = clock }, DoctorFindingIds.Clock);

    [Fact]
    public void A_clock_past_every_floor_is_ok_and_shows_them()
    {
        var finding = Clock(new ClockFacts(DoctorHost.Now, [Build, Ca], []));

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.Equal("2026-06-01 12:00 UTC, after the access CA's validity start (2026-05-30 08:00 UTC) and this causeway's build date (2026-01-15 00:00 UTC)", finding.Seen);
    }

    [Fact]
    public void A_clock_before_the_build_date_is_a_problem_whose_fix_is_NTP()
    {
        var finding = Clock(new ClockFacts(new DateTimeOffset(1970, 1, 1, 0, 0, 42, TimeSpan.Zero), [Build], []));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("the clock says 1970-01-01 00:00 UTC, before this causeway's build date (2026-01-15 00:00 UTC)", finding.Seen, StringComparison.Ordinal);
        Assert.StartsWith("turn on NTP and let it synchronise: timedatectl set-ntp true", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clock_set_back_behind_the_access_CA_is_a_problem_naming_it()
    {
        var finding = Clock(new ClockFacts(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), [Build, Ca], []));

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.Contains("before the access CA's validity start (2026-05-30 08:00 UTC): it is wrong", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void What_could_not_be_read_is_said()
    {
        var finding = Clock(new ClockFacts(DoctorHost.Now, [Build], ["/var/lib/causeway/access/ca.crt (root's)"]));

        Assert.Equal(DoctorSeverity.Ok, finding.Severity);
        Assert.EndsWith("(not read: /var/lib/causeway/access/ca.crt (root's))", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_compare_with_is_unchecked()
    {
        Assert.Equal(DoctorSeverity.Unchecked, Clock(new ClockFacts(DoctorHost.Now, [], [])).Severity);
    }
}
