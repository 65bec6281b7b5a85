using System.Globalization;

namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `clock`: a clock that is obviously wrong, i.e. earlier than when this causeway was built or than a certificate's
/// validity start. A board without a real-time clock boots in the past until NTP has synchronised; OpenVPN then
/// refuses every certificate as not yet valid, and the tunnel never comes up.
/// </summary>
public static class ClockCheck
{
    public static DoctorFinding Evaluate(ClockFacts clock)
    {
        var id = DoctorFindingIds.Clock;
        var floors = clock.Floors.OrderByDescending(f => f.NotBefore).ToList();
        var check = floors.Count == 0
            ? "the clock is not obviously wrong"
            : $"the clock is past {string.Join(", ", floors.Select(f => f.What))}";
        var unread = clock.Unread.IsEmpty ? string.Empty : $" (not read: {string.Join("; ", clock.Unread)})";
        var now = Format(clock.Now);
        if (floors.Count == 0)
        {
            return DoctorFinding.Unchecked(id, check, $"nothing to compare the clock ({now}) with{unread}");
        }

        var ahead = floors.Where(f => clock.Now < f.NotBefore).ToList();
        if (ahead.Count == 0)
        {
            return DoctorFinding.Ok(id, check, $"{now}, after {string.Join(" and ", floors.Select(f => $"{f.What} ({Format(f.NotBefore)})"))}{unread}");
        }

        return DoctorFinding.Problem(id, check,
            $"the clock says {now}, before {string.Join(" and ", ahead.Select(f => $"{f.What} ({Format(f.NotBefore)})"))}: it is wrong, and certificates are not yet valid by it (OpenVPN refuses them){unread}",
            "turn on NTP and let it synchronise: timedatectl set-ntp true, then check that `timedatectl` says \"System clock synchronized: yes\" (a board without a real-time clock: systemctl enable systemd-time-wait-sync, so that Causeway starts after it); or set it by hand: date -s 'YYYY-MM-DD HH:MM:SS'");
    }

    private static string Format(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
