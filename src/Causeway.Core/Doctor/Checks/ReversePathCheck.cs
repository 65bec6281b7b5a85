using System.Globalization;
using Causeway.Core.Planning;

namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `rp-filter`: the kernel checks a packet's source against its own routes with max(conf.all.rp_filter,
/// conf.DEVICE.rp_filter). On the egress device that check must be loose (2) or off: replies from the internet arrive
/// there with sources the main table routes via the uplink, so a strict (1) check drops every one. Causeway sets
/// net.ipv4.conf.EGRESS.rp_filter=2 itself while it runs; strict there means something else changed it since, or
/// nothing has set it yet. The devices clients arrive on may stay strict: their sources are on the device's own subnets.
/// </summary>
public static class ReversePathCheck
{
    public const int Strict = 1;

    public static DoctorFinding Evaluate(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.RpFilter;
        var egress = subject.EgressDevice;
        var check = $"reverse-path filtering on the egress {egress} is loose (2) or off: max(net.ipv4.conf.all.rp_filter, net.ipv4.conf.{egress}.rp_filter){subject.DefaultsNote}";
        var all = Value(facts, "all");
        if (all is null)
        {
            return DoctorFinding.Unchecked(id, check, $"{SysctlNames.RpFilter("all")} could not be read");
        }

        var clients = Clients(facts, subject, all.Value);
        if (!facts.Links.TryGet(out var links))
        {
            return DoctorFinding.Unchecked(id, check, $"the network devices could not be listed: {facts.Links.WhyNot}");
        }

        if (!links.Any(l => l.Name == egress))
        {
            var inherited = Math.Max(all.Value, Value(facts, "default") ?? 0);
            var start = inherited == Strict
                ? $"; it will start strict (net.ipv4.conf.default.rp_filter and all give {inherited}) until Causeway sets it to 2, within one reconcile round"
                : string.Empty;
            return DoctorFinding.Ok(id, check, $"{egress} does not exist now (Causeway is not running, or its tunnel is down){start}{clients}");
        }

        var device = Value(facts, egress);
        var effective = Math.Max(all.Value, device ?? 0);
        var settings = $"all={all.Value}, {egress}={(device is { } d ? d.ToString(CultureInfo.InvariantCulture) : "?")}";
        if (effective == Strict)
        {
            return DoctorFinding.Problem(id, check,
                $"strict on {egress} ({settings}): replies from the internet arriving through the tunnel are dropped, since the main table routes their sources via the uplink",
                $"sysctl -w {SysctlNames.RpFilter(egress)}={Planner.LooseReversePathFilter} (Causeway sets it while it runs; if it turns strict again, find what sets it: grep -rn rp_filter /etc/sysctl.conf /etc/sysctl.d /usr/lib/sysctl.d /run/sysctl.d)");
        }

        return DoctorFinding.Ok(id, check, $"{(effective == 0 ? "off" : "loose")} on {egress} ({settings}){clients}");
    }

    /// <summary>A note on the client devices that exist and are strict: allowed, and why.</summary>
    private static string Clients(DoctorFacts facts, DoctorSubject subject, int all)
    {
        var strict = subject.ClientDevices
            .Where(d => d != subject.EgressDevice && Value(facts, d) is { } value && Math.Max(all, value) == Strict)
            .ToList();
        return strict.Count == 0
            ? string.Empty
            : $"; strict on {string.Join(", ", strict)}, which is fine: clients' sources are on those devices' own subnets";
    }

    private static int? Value(DoctorFacts facts, string device) =>
        int.TryParse(facts.Sysctl(SysctlNames.RpFilter(device)), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
