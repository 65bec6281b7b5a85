namespace Causeway.Core.ZeroTier;

/// <summary>
/// Which local interfaces zerotier-one sends its own (encrypted, UDP 9993) traffic from. On Linux it skips only names
/// starting with lo, zt, tun and tap (service/OneService.cpp, _shouldBindInterface), and those starting with a prefix
/// of local.conf's interfacePrefixBlacklist. Bound to another VPN's device, it would carry the overlay through that
/// tunnel; bound to Causeway's tunnel, through the provider.
/// </summary>
public static class ZeroTierBinding
{
    public static readonly IReadOnlyList<string> SkippedPrefixes = ["lo", "zt", "tun", "tap"];

    /// <summary>Whether zerotier-one would bind to an interface of this name.</summary>
    public static bool WouldBind(string interfaceName, IEnumerable<string> prefixBlacklist) =>
        !SkippedPrefixes.Concat(prefixBlacklist).Any(prefix => interfaceName.StartsWith(prefix, StringComparison.Ordinal));
}
