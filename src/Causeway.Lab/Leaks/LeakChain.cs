using Causeway.Lab.Backbone;

namespace Causeway.Lab.Leaks;

/// <summary>
/// The leak counters of one Causeway host's uplink (<see cref="LeakCounterRuleset"/>): a chain on the router's end
/// of it, with what that host's role excuses beyond the common definition and what it counts apart as evidence.
/// </summary>
/// <param name="Excused">More accepted (excused) rules, each with its counter and comment, e.g. the access servers' own replies.</param>
/// <param name="Evidence">More evidence counters (not accepts: what they count is a leak too), e.g. leaks from the access pool.</param>
public sealed record LeakChain(GatewayUplink Uplink, IReadOnlyList<string> Excused, IReadOnlyList<string> Evidence)
{
    /// <summary>The chain's name in the leak table, e.g. from-sbc.</summary>
    public string Name => ChainName(Uplink);

    public static string ChainName(GatewayUplink uplink) => $"from-{uplink.Node}";
}
