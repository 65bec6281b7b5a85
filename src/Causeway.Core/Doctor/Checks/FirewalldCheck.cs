namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `firewall.firewalld`: a running firewalld rejects forwarding between interfaces of different zones, and connections
/// to ports its zone does not open. Causeway's devices belong in the trusted zone: Causeway's own table still decides
/// what passes (its drops are final in any table), so trusting them opens nothing Causeway closes.
/// </summary>
public static class FirewalldCheck
{
    public static DoctorFinding Evaluate(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.FirewallFirewalld;
        var devices = subject.ClientDevices.Append(subject.EgressDevice).Distinct(StringComparer.Ordinal).ToList();
        var check = $"firewalld, if it runs, has {string.Join(", ", devices)} in its trusted zone{subject.DefaultsNote}";
        var table = facts.Nftables.TryGet(out var ruleset) ? ruleset.Tables.FirstOrDefault(ForwardChains.IsFirewalld) : null;
        var running = facts.Firewall.Running.Contains(FirewallFacts.Firewalld);
        if (!running && table is null)
        {
            return DoctorFinding.Ok(id, check, "firewalld is not running");
        }

        var seenRunning = running ? "firewalld is running" : $"firewalld's table ({table!.Family} {table.Name}) is loaded";
        if (!facts.Firewall.FirewalldTrustedZone.TryGet(out var zone))
        {
            return DoctorFinding.Unchecked(id, check,
                $"{seenRunning}; its trusted zone ({FirewallFacts.TrustedZonePath}) could not be read: {facts.Firewall.FirewalldTrustedZone.WhyNot}",
                facts.Firewall.FirewalldTrustedZone.NeedsRoot ? "sudo causeway doctor" : null);
        }

        var missing = devices.Where(d => !zone.Contains($"<interface name=\"{d}\"", StringComparison.Ordinal)).ToList();
        var ports = subject.AccessPorts.IsEmpty
            ? string.Empty
            : $"firewall-cmd --permanent {string.Join(' ', subject.AccessPorts.Select(p => $"--add-port={p}"))}";
        if (missing.Count == 0)
        {
            var note = ports.Length == 0 ? string.Empty : $" (the access servers' ports must be open in the uplink's zone too, which doctor does not read: {ports} && firewall-cmd --reload)";
            return DoctorFinding.Ok(id, check, $"{seenRunning}, with Causeway's devices in its trusted zone{note}");
        }

        var commands = new List<string> { $"firewall-cmd --permanent --zone=trusted {string.Join(' ', missing.Select(d => $"--add-interface={d}"))}" };
        if (ports.Length > 0)
        {
            commands.Add(ports);
        }

        commands.Add("firewall-cmd --reload");
        return DoctorFinding.Problem(id, check,
            $"{seenRunning}, and {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not in its trusted zone: it rejects clients' traffic between zones",
            string.Join(" && ", commands));
    }
}
