using System.Collections.Immutable;

namespace Causeway.Core.Boot;

/// <summary>
/// What `causeway up` saves for `causeway boot` (<c>&lt;state_dir&gt;/boot/kill-switch.json</c>): the planner's inputs of
/// the last config and overlay it converged with, with the tunnel down, as plain values. Never the ruleset itself: the
/// boot step plans the rules again from these with the same planner (<see cref="BootPlan"/>), so the file can name
/// devices and addresses, each checked as `up` would (<see cref="SavedKillSwitchCodec"/>), but cannot say what a rule
/// does. Root reads it at early boot: nothing in it is trusted.
/// </summary>
/// <param name="Clients">The client interfaces: the overlay's, exactly one.</param>
/// <param name="Dns">The resolver clients' DNS to this host is redirected to with the tunnel down (fallback_dns); null: none.</param>
/// <param name="Access">The access servers' devices and what they may reach; null without [access].</param>
public sealed record SavedKillSwitch(
    int Version,
    SavedInstanceNames Instance,
    ImmutableArray<SavedClientInterface> Clients,
    SavedEgress Egress,
    ImmutableArray<string> AllowedLans,
    bool MasqueradeLans,
    string? Dns,
    SavedAccess? Access)
{
    public const int CurrentVersion = 1;
}
