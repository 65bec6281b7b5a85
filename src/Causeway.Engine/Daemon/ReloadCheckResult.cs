using Causeway.Core.Reload;

namespace Causeway.Engine.Daemon;

/// <summary>What <see cref="ReloadCheck"/> decided: the new config and what applying it takes, or why it is refused.</summary>
/// <param name="Next">The config read again, accepted; null when refused.</param>
/// <param name="Plan">What changes and what restarts (empty: nothing to do); null when refused.</param>
/// <param name="Refused">Why the reload is refused (for the status); null when accepted.</param>
public sealed record ReloadCheckResult(GatewayInputs? Next, ReloadPlan? Plan, string? Refused)
{
    public static ReloadCheckResult Refuse(string why) => new(null, null, why);
}
