using System.Collections.Immutable;

namespace Causeway.Core.Planning;

/// <summary>
/// What Causeway wants on the host, as plain data: policy rules, the routes of its table, its nft table and
/// kernel settings. Produced by <see cref="Planner"/>, compared with the host by <see cref="HostDiff"/>.
/// </summary>
/// <param name="Rules">IPv4 and IPv6, exceptions before catch-alls.</param>
/// <param name="Routes">Routes of <see cref="OwnedNames.RouteTable"/>, IPv4 and IPv6; the unreachable defaults first.</param>
/// <param name="Sysctls">In the order to set them: ip_forward last.</param>
public sealed record DesiredState(
    OwnedNames Owned,
    ImmutableArray<DesiredRule> Rules,
    ImmutableArray<DesiredRoute> Routes,
    DesiredNftTable Nft,
    ImmutableArray<DesiredSysctl> Sysctls);
