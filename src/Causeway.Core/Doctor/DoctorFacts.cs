using System.Collections.Immutable;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;

namespace Causeway.Core.Doctor;

/// <summary>
/// Everything `causeway doctor` read from the host (Engine.Doctor gathers it through the seams); its findings follow
/// from these alone (<see cref="DoctorEvaluator"/>), so every finding is tested from facts.
/// </summary>
/// <param name="IsRoot">Whether this process is root: what it could not read without root is said as unchecked.</param>
/// <param name="Programs">ip, nft, openvpn, conntrack, setpriv.</param>
/// <param name="Sysctls">By sysctl(8) name; a setting that does not exist (or could not be read) is absent.</param>
/// <param name="Rules">`ip -N -json rule list`, IPv4 and IPv6.</param>
/// <param name="Links">`ip -details -json link show` (with each device's kind).</param>
/// <param name="Nftables">`nft -j list ruleset` (root only).</param>
/// <param name="ZeroTier">The configured ZeroTier network; null when the config names none (or there is no config).</param>
public sealed record DoctorFacts(
    bool IsRoot,
    DoctorConfigFacts Config,
    TunDeviceFacts TunDevice,
    ImmutableArray<ProgramFacts> Programs,
    ImmutableDictionary<string, string> Sysctls,
    Observed<ImmutableArray<IpRule>> Rules,
    Observed<ImmutableArray<IpLink>> Links,
    Observed<NftRuleset> Nftables,
    ZeroTierHomeFacts ZeroTierHome,
    ZeroTierFacts? ZeroTier,
    FirewallFacts Firewall,
    ClockFacts Clock)
{
    public string? Sysctl(string name) => Sysctls.TryGetValue(name, out var value) ? value : null;
}
