using Causeway.Core.Nft;
using Causeway.Core.Planning;

namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// Who owns the other tables of `nft -j list ruleset`. A packet forwarded through this host passes every base chain on
/// the forward hook, in every table: an accept in Causeway's table ends only that chain, and a drop anywhere else is
/// final. So another table's forward chain with policy drop drops Causeway's clients unless it accepts them itself.
/// iptables-nft (Debian's default iptables) shows its tables here too; iptables-legacy does not.
/// </summary>
public static class ForwardChains
{
    public const string DockerChain = "DOCKER";
    public const string DockerUserChain = "DOCKER-USER";

    /// <summary>Docker's (through iptables): a filter table with its DOCKER chains.</summary>
    public static bool IsDocker(NftTableListing table) =>
        table.Chains.Any(c => c.Name is DockerChain or DockerUserChain || c.Name.StartsWith("DOCKER-", StringComparison.Ordinal));

    /// <summary>ufw's (through iptables): its chains are named ufw-…</summary>
    public static bool IsUfw(NftTableListing table) => table.Chains.Any(c => c.Name.StartsWith("ufw-", StringComparison.Ordinal));

    /// <summary>firewalld's own nftables table.</summary>
    public static bool IsFirewalld(NftTableListing table) => table.Name == FirewallFacts.Firewalld;

    public static bool IsCauseways(NftTableListing table, OwnedNames owned) =>
        table.Family == OwnedNames.NftFamily && table.Name == owned.NftTable;

    /// <summary>The base chains on the forward hook whose policy drops what no rule accepted.</summary>
    public static IEnumerable<NftChain> DroppingByDefault(NftTableListing table) =>
        table.Family == "bridge" ? [] : table.Chains.Where(c => c.Hook == "forward" && c.Policy == "drop");

    /// <summary>"table ip filter chain FORWARD".</summary>
    public static string Name(NftTableListing table, NftChain chain) => $"table {table.Family} {table.Name} chain {chain.Name}";
}
