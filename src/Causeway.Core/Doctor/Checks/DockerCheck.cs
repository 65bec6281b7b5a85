namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `firewall.docker`: Docker sets iptables' FORWARD policy to drop when it starts, which drops Causeway's forwarded
/// traffic (<see cref="ForwardChains"/>) unless its DOCKER-USER chain, which it leaves to the host, accepts it.
/// </summary>
public static class DockerCheck
{
    public static DoctorFinding Evaluate(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.FirewallDocker;
        var check = $"Docker's iptables chains, if any, let forwarded traffic between {string.Join(", ", subject.ClientDevices)} and {subject.EgressDevice} through{subject.DefaultsNote}";
        var dockerd = facts.Firewall.Running.Contains(FirewallFacts.Dockerd);
        if (!facts.Nftables.TryGet(out var ruleset))
        {
            return dockerd
                ? DoctorFinding.Unchecked(id, check, $"dockerd is running; its chains could not be read: {facts.Nftables.WhyNot}",
                    facts.Nftables.NeedsRoot ? "sudo causeway doctor" : null)
                : DoctorFinding.Ok(id, check, $"dockerd is not running (its chains could not be read: {facts.Nftables.WhyNot})");
        }

        var tables = ruleset.Tables.Where(ForwardChains.IsDocker).ToList();
        if (tables.Count == 0)
        {
            return dockerd
                ? DoctorFinding.Warning(id, check,
                    "dockerd is running, but none of its chains are in nftables: it uses iptables-legacy, which doctor cannot read; its FORWARD policy is drop unless told otherwise",
                    Fix(subject, "iptables-legacy"))
                : DoctorFinding.Ok(id, check, "no Docker chains");
        }

        var dropping = tables.SelectMany(t => ForwardChains.DroppingByDefault(t).Select(c => (Table: t, Chain: c))).ToList();
        if (dropping.Count == 0)
        {
            return DoctorFinding.Ok(id, check, $"Docker's chains are here, and no forward chain of theirs drops by default");
        }

        var where = string.Join(", ", dropping.Select(d => ForwardChains.Name(d.Table, d.Chain) + " (policy drop)"));
        var user = tables.SelectMany(t => t.RulesOf(ForwardChains.DockerUserChain)).Count();

        // Docker itself leaves DOCKER-USER empty (older versions: one RETURN); more rules are the host's own.
        return user > 1
            ? DoctorFinding.Warning(id, check,
                $"{where}; {ForwardChains.DockerUserChain} has {user} rules of the host's: if they do not accept Causeway's clients, their traffic is dropped",
                Fix(subject, "iptables"))
            : DoctorFinding.Problem(id, check,
                $"{where}: Docker drops forwarded traffic by default, so clients' traffic to {subject.EgressDevice} is dropped whatever Causeway's table accepts",
                Fix(subject, "iptables"));
    }

    private static string Fix(DoctorSubject subject, string iptables)
    {
        var egress = subject.EgressDevice;
        var rules = subject.ClientDevices.SelectMany(client => new[]
        {
            $"{iptables} -I {ForwardChains.DockerUserChain} -i {client} -o {egress} -j ACCEPT",
            $"{iptables} -I {ForwardChains.DockerUserChain} -i {egress} -o {client} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
        });
        return string.Join(" && ", rules) + " (and keep them across reboots, e.g. with iptables-persistent)";
    }
}
