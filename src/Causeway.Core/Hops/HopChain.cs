using System.Collections.Immutable;
using System.Globalization;

namespace Causeway.Core.Hops;

/// <summary>
/// The hops in the order clients' traffic crosses them. The first one that is down explains every later one (nothing
/// past it can be probed along the clients' path), so status names that one, and that the one before it answers.
/// </summary>
public sealed record HopChain(ImmutableArray<Hop> Hops)
{
    /// <summary>What to look at when ZeroTier relays a hop: it relays when the two ends cannot exchange UDP directly.</summary>
    public const string RelayedLookNext = "`zerotier-cli peers` says RELAY: is UDP 9993 blocked, or are both ends behind symmetric NAT?";

    /// <summary>The first hop that is down; null while none is.</summary>
    public Hop? FirstFailed => Hops.FirstOrDefault(h => h.Health.State == HopState.Down);

    /// <summary>
    /// One line for status: "VM → SBC over ZeroTier: down since 12:03:10 (…what to look at)", or, when an earlier hop
    /// answers, "SBC reachable; internet through it: down since 12:03:12 (…)"; "all hops up" when none is down, and
    /// which hops ZeroTier relays (with what to look at: UDP between the two ends). Times in <paramref name="zone"/>
    /// (the host's local time for a person).
    /// </summary>
    public string Summary(TimeZoneInfo zone)
    {
        for (var index = 0; index < Hops.Length; index++)
        {
            var hop = Hops[index];
            if (hop.Health.State == HopState.Down)
            {
                var since = TimeZoneInfo.ConvertTime(hop.Health.Since, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                var reached = index > 0 ? $"{Hops[index - 1].Reached} reachable; " : string.Empty;
                return $"{reached}{hop.Name}: down since {since} ({hop.LookNext})";
            }
        }

        var summary = Hops.All(h => h.Health.State == HopState.Up) ? "all hops up" : "no hop down (some not answered yet)";
        var relayed = Hops.Where(h => h.Path == PeerPath.Relayed).Select(h => h.Name).ToList();
        return relayed.Count == 0
            ? summary
            : $"{summary}; relayed, not direct (slow): {string.Join(", ", relayed)} ({RelayedLookNext})";
    }
}
