using System.Collections.Immutable;

namespace Causeway.Core.Doctor;

/// <summary>zerotier-one's home directory (the config's overlay.zerotier_home, else the default).</summary>
/// <param name="Exists">zerotier-one is (or was) installed here.</param>
/// <param name="PrefixBlacklist">local.conf's settings.interfacePrefixBlacklist (empty without local.conf).</param>
public sealed record ZeroTierHomeFacts(string Path, bool Exists, Observed<ImmutableArray<string>> PrefixBlacklist);
