namespace Causeway.Core.Hops;

/// <summary>
/// One hop of the path clients' traffic takes, e.g. "VM → SBC over ZeroTier" or, end to end, "internet through it".
/// </summary>
/// <param name="Id">What the hop is for a program: stable across versions ("tunnel", "gateway", "internet": <see cref="EgressHops"/>).</param>
/// <param name="Name">What the hop is, as status says it.</param>
/// <param name="Reached">The far end, named when a later hop fails ("SBC reachable; …").</param>
/// <param name="LookNext">What to look at when this hop is down, said with the failure.</param>
/// <param name="Path">For an overlay hop, whether ZeroTier's path to the peer is direct or relayed.</param>
public sealed record Hop(string Id, string Name, string Reached, HopHealth Health, string LookNext, PeerPath Path = PeerPath.None);
