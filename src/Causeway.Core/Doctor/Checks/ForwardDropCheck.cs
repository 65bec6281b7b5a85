namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `firewall.forward-drop`: any other table's forward chain with policy drop (not Docker's, ufw's or firewalld's,
/// which have findings of their own) drops Causeway's clients unless it accepts them (<see cref="ForwardChains"/>).
/// </summary>
public static class ForwardDropCheck
{
    public static DoctorFinding Evaluate(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.FirewallForwardDrop;
        var check = $"no other nftables table (besides Docker's, ufw's and firewalld's) drops forwarded traffic by default{subject.DefaultsNote}";
        if (!facts.Nftables.TryGet(out var ruleset))
        {
            return DoctorFinding.Unchecked(id, check, $"nftables could not be read: {facts.Nftables.WhyNot}",
                facts.Nftables.NeedsRoot ? "sudo causeway doctor" : null);
        }

        var others = ruleset.Tables
            .Where(t => !ForwardChains.IsCauseways(t, subject.Owned) && !ForwardChains.IsDocker(t) && !ForwardChains.IsUfw(t) && !ForwardChains.IsFirewalld(t))
            .SelectMany(t => ForwardChains.DroppingByDefault(t).Select(c => (Table: t, Chain: c)))
            .ToList();
        if (others.Count == 0)
        {
            return DoctorFinding.Ok(id, check, $"no other forward chain drops by default ({ruleset.Tables.Length} table{(ruleset.Tables.Length == 1 ? string.Empty : "s")})");
        }

        var clients = subject.ClientDevices.Length == 1 ? subject.ClientDevices[0] : $"{{ {string.Join(", ", subject.ClientDevices)} }}";
        var egress = subject.EgressDevice;
        var fix = others.SelectMany(o => new[]
        {
            $"nft insert rule {o.Table.Family} {o.Table.Name} {o.Chain.Name} iifname {clients} oifname {egress} accept",
            $"nft insert rule {o.Table.Family} {o.Table.Name} {o.Chain.Name} iifname {egress} oifname {clients} ct state established,related accept",
        });
        return DoctorFinding.Problem(id, check,
            $"{string.Join(", ", others.Select(o => ForwardChains.Name(o.Table, o.Chain)))}: policy drop, so clients' traffic to {egress} is dropped there whatever Causeway's table accepts",
            string.Join(" && ", fix) + " (and the same in the file that makes that table, e.g. /etc/nftables.conf), or set its policy to accept if nothing needs it");
    }
}
