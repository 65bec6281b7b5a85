using Causeway.Core.Planning;

namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `ip-forward`: Causeway turns net.ipv4.ip_forward on itself, last, once its kill switch is in place (and never IPv6
/// forwarding). Off is therefore fine; on while Causeway's table is absent means something else turned it on (Docker,
/// PiVPN, a sysctl.d file), and until `causeway up` runs this host forwards what overlay members send it, in clear.
/// </summary>
public static class ForwardingCheck
{
    public static DoctorFinding Evaluate(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.IpForward;
        var table = $"table {OwnedNames.NftFamily} {subject.Owned.NftTable}";
        var check = $"{SysctlNames.IpForward} and {SysctlNames.Ipv6Forwarding}: forwarding on only behind Causeway's kill switch ({table}){subject.DefaultsNote}";
        if (facts.Sysctl(SysctlNames.IpForward) is not { } ipv4)
        {
            return DoctorFinding.Unchecked(id, check, $"{SysctlNames.IpForward} could not be read");
        }

        var ipv6 = facts.Sysctl(SysctlNames.Ipv6Forwarding);
        var on = new List<string>();
        if (ipv4 == "1")
        {
            on.Add($"{SysctlNames.IpForward}=1");
        }

        if (ipv6 == "1")
        {
            on.Add($"{SysctlNames.Ipv6Forwarding}=1");
        }

        if (on.Count == 0)
        {
            return DoctorFinding.Ok(id, check, $"forwarding is off; `causeway up` turns IPv4 forwarding on once its kill switch is in place");
        }

        var forwarding = string.Join(" and ", on);
        if (!facts.Nftables.TryGet(out var ruleset))
        {
            return DoctorFinding.Unchecked(id, check,
                $"{forwarding}; whether Causeway's kill switch ({table}) is in place could not be read: {facts.Nftables.WhyNot}",
                facts.Nftables.NeedsRoot ? "sudo causeway doctor" : null);
        }

        if (ruleset.FindTable(OwnedNames.NftFamily, subject.Owned.NftTable) is not null)
        {
            return DoctorFinding.Ok(id, check, $"{forwarding}, behind Causeway's kill switch ({table})");
        }

        var off = $"sysctl -w {string.Join(' ', on.Select(setting => setting[..^1] + "0"))}";
        return DoctorFinding.Warning(id, check,
            $"{forwarding}, but Causeway's kill switch ({table}) is not in place: until `causeway up` runs, this host forwards what overlay members send it to its uplink, in clear (something else turned forwarding on: Docker, PiVPN, a file in /etc/sysctl.d)",
            $"start Causeway now (systemctl start causeway, or causeway up); or, if nothing else here needs forwarding: {off}, and remove the line that turns it on from /etc/sysctl.conf or /etc/sysctl.d/");
    }
}
