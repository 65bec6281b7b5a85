using Causeway.Core.Planning;

namespace Causeway.Core.Boot;

/// <summary>
/// What `causeway boot` puts on a host that has just booted: both layers of the kill switch as `up` plans them with the
/// tunnel down, and nothing else. Every device is absent at boot, so the plan holds alone: the nft table matches
/// interfaces by name (`iifname`, `oifname`), which holds as soon as the overlay's device appears, and no rule accepts
/// anything into a device that does not exist yet, so whatever arrives from a client is dropped (overlay to overlay
/// and the listed LANs aside, as `up` allows them); the route layer is the unreachable defaults and the rules that
/// send client traffic (by `iif` name, and what the host sends from a client address) to them.
/// </summary>
public static class BootPlan
{
    /// <summary>
    /// The inputs as the boot step plans with them: the egress never usable (no route through it), without the tunnel's
    /// address (the provider hands out a new one).
    /// </summary>
    public static PlanningInputs AtBoot(PlanningInputs inputs) =>
        inputs with { Egress = inputs.Egress with { Usable = false, LocalAddresses = [] } };

    /// <summary>
    /// The plan, in <see cref="HostDiff"/>'s fail-closed order against a host that holds nothing of Causeway's: the nft
    /// table (one `nft -f`, replacing any table of that name in the same transaction), the unreachable routes, the
    /// catch-all rules, then the exceptions. Without sysctls: forwarding is the host's business until `up` (both layers
    /// hold whatever it is), and routes through a device that does not exist yet are left to `up`.
    /// </summary>
    /// <exception cref="ArgumentException">The inputs cannot be planned (a name nft or ip cannot take).</exception>
    public static HostPlan For(PlanningInputs inputs)
    {
        var desired = Planner.Plan(AtBoot(inputs));
        var converge = HostDiff.Diff(desired, ObservedHost.Empty);
        return converge with
        {
            Purpose = HostPlanPurpose.Boot,
            Changes = [.. converge.Changes.Where(c => c.Subject != HostObjectKind.Sysctl)],
        };
    }
}
