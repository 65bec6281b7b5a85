using Causeway.Core.ZeroTier;

namespace Causeway.Core.Doctor;

/// <param name="Message">What went wrong, with zerotier-one's own words and the next step; empty when it answered.</param>
/// <param name="Network">The network as zerotier-one shows it to this host, when it answered.</param>
public sealed record ZeroTierApiFacts(ZeroTierApiOutcome Outcome, string Message, ZeroTierNetworkSummary? Network = null);
