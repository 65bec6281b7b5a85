using System.Collections.Immutable;
using Causeway.Core.Model;

namespace Causeway.Core.Reload;

/// <summary>
/// What a reload must do to go from the running config to the one read again: which keys changed and, from them, what
/// restarts (<see cref="ReloadKeys"/>). Pure: the daemon carries it out, and refuses it whole when a key cannot
/// change live (<see cref="IsRefused"/>).
/// </summary>
public sealed record ReloadPlan(ImmutableArray<ReloadChange> Changes)
{
    /// <summary>Nothing to do: the config says what the running one says.</summary>
    public bool IsEmpty => Changes.IsEmpty;

    /// <summary>The keys that need a restart of `causeway up`; any of them refuses the whole reload.</summary>
    public ImmutableArray<string> RestartRequired => [.. Changes.Where(c => c.Effect == ReloadEffect.Restart).Select(c => c.Key)];

    public bool IsRefused => Changes.Any(c => c.Effect == ReloadEffect.Restart);

    /// <summary>The provider tunnel (or the overlay gateway's watch) restarts.</summary>
    public bool RestartsTunnel => Has(ReloadEffect.Tunnel);

    public bool RestartsAccessServers => Has(ReloadEffect.AccessServers);

    /// <summary>The hop watch restarts: its own settings changed, or the tunnel it watches is a new one.</summary>
    public bool RestartsHops => RestartsTunnel || Has(ReloadEffect.Hops);

    public bool ChangesInterval => Has(ReloadEffect.Interval);

    /// <param name="tunnelConfigBefore">The OpenVPN client config the running tunnel was started with (null: none).</param>
    /// <param name="tunnelConfigAfter">
    /// The one the new config renders: it differs without any key changing when the provider's profile (the file)
    /// did, and the tunnel then restarts as for a changed key.
    /// </param>
    public static ReloadPlan Between(
        CausewaySettings before, CausewaySettings after, string? tunnelConfigBefore = null, string? tunnelConfigAfter = null)
    {
        var old = SettingsValues.Of(before);
        var next = SettingsValues.Of(after);
        var changes = ImmutableArray.CreateBuilder<ReloadChange>();
        foreach (var key in old.Keys.Union(next.Keys).Order(StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(key);
            var now = next.GetValueOrDefault(key);
            if (!string.Equals(was, now, StringComparison.Ordinal))
            {
                changes.Add(new ReloadChange(key, was, now, ReloadKeys.Of(key)));
            }
        }

        if (!string.Equals(tunnelConfigBefore, tunnelConfigAfter, StringComparison.Ordinal)
            && !changes.Any(c => c.Effect == ReloadEffect.Tunnel))
        {
            changes.Add(new ReloadChange(ReloadKeys.ProfileContent, null, null, ReloadEffect.Tunnel));
        }

        return new ReloadPlan(changes.ToImmutable());
    }

    /// <summary>What it restarts, for the log: e.g. "the provider tunnel, the hop watch" or "nothing (reconcile only)".</summary>
    public string Restarts()
    {
        var parts = new List<string>();
        if (RestartsTunnel)
        {
            parts.Add("the tunnel");
        }

        if (RestartsAccessServers)
        {
            parts.Add("the access servers");
        }

        if (RestartsHops)
        {
            parts.Add("the hop watch");
        }

        return parts.Count == 0 ? "nothing (the reconcile applies it)" : string.Join(", ", parts);
    }

    private bool Has(ReloadEffect effect) => Changes.Any(c => c.Effect == effect);
}
