using Causeway.Core.Model;
using Causeway.Engine.Hops;
using Causeway.Engine.OpenVpn;

namespace Causeway.Engine.Daemon;

/// <summary>
/// What a reload (SIGHUP) needs beyond the running parts: the config read again with `up`'s own checks, and new
/// pieces for what the new config restarts (a supervisor runs once: a changed tunnel is a new one).
/// </summary>
/// <param name="ReadConfig">Reads and checks the config file again, as `up` did (findings with file:line:column).</param>
/// <param name="NewEgress">The provider tunnel's supervisor, or the overlay gateway's watch, for the new settings.</param>
/// <param name="NewHops">The hop watch for the new settings and egress; null when hops are not watched.</param>
public sealed record GatewayReload(
    Func<GatewayInputsResult> ReadConfig,
    Func<CausewaySettings, ITunnelSupervisor> NewEgress,
    Func<CausewaySettings, ITunnelSupervisor, HopWatch?> NewHops);
