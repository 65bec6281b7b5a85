namespace Causeway.Core.Doctor;

/// <summary>The ZeroTier network the config names, as this host's zerotier-one shows it.</summary>
/// <param name="Api">Null when the API was not asked (the token could not be read).</param>
public sealed record ZeroTierFacts(string NetworkId, string HomeDirectory, ZeroTierTokenFacts Token, ZeroTierApiFacts? Api);
