using System.Collections.Immutable;

namespace Causeway.Core.Config;

/// <summary>
/// The sections and keys Causeway reads, with their TOML types. The binding types (<see cref="ConfigDocument"/> and
/// its tables) must have exactly these members; a test holds the two together.
/// </summary>
internal static class ConfigSchema
{
    public static readonly ImmutableArray<ConfigKeySpec> InstanceKeys =
    [
        new("name", ConfigValueKind.String),
        new("state_dir", ConfigValueKind.String),
        new("run_dir", ConfigValueKind.String),
        new("nft_table", ConfigValueKind.String),
        new("route_table", ConfigValueKind.Integer),
        new("rule_priority", ConfigValueKind.Integer),
        new("reconcile_interval_seconds", ConfigValueKind.Integer),
    ];

    public static readonly ImmutableArray<ConfigKeySpec> OverlayKeys =
    [
        new("zerotier_network", ConfigValueKind.String),
        new("zerotier_home", ConfigValueKind.String),
        new("zerotier_port", ConfigValueKind.Integer),
        new("zerotier_wait_seconds", ConfigValueKind.Integer),
        new("interface", ConfigValueKind.String),
        new("subnets", ConfigValueKind.StringArray),
        new("allow_lan", ConfigValueKind.StringArray),
        new("masquerade_lan", ConfigValueKind.Boolean),
    ];

    public static readonly ImmutableArray<ConfigKeySpec> EgressKeys =
    [
        new("profile", ConfigValueKind.String),
        new("auth", ConfigValueKind.String),
        new("fallback_dns", ConfigValueKind.String),
        new("device", ConfigValueKind.String),
        new("ping_seconds", ConfigValueKind.Integer),
        new("ping_restart_seconds", ConfigValueKind.Integer),
        new("fast_io", ConfigValueKind.Boolean),
        new("socket_buffer_bytes", ConfigValueKind.Integer),
        new("txqueuelen", ConfigValueKind.Integer),
        new("overlay_gateway", ConfigValueKind.String),
        new("internet_probe", ConfigValueKind.String),
        new("monthly_budget_gb", ConfigValueKind.Integer),
        new("gateway_status_port", ConfigValueKind.Integer),
    ];

    public static readonly ImmutableArray<ConfigKeySpec> AccessKeys =
    [
        new("public_address", ConfigValueKind.String),
        new("udp_port", ConfigValueKind.Integer),
        new("tcp_port", ConfigValueKind.Integer),
        new("pool", ConfigValueKind.String),
        new("allow_internet", ConfigValueKind.Boolean),
        new("allow_overlay", ConfigValueKind.Boolean),
        new("masquerade_overlay", ConfigValueKind.Boolean),
        new("client_to_client", ConfigValueKind.Boolean),
        new("dns", ConfigValueKind.StringArray),
        new("block_ipv6", ConfigValueKind.Boolean),
        new("udp_device", ConfigValueKind.String),
        new("tcp_device", ConfigValueKind.String),
    ];

    public static readonly ImmutableArray<ConfigKeySpec> ServiceKeys =
    [
        new("listen", ConfigValueKind.String),
    ];

    /// <summary>The sections, in the order the docs present them.</summary>
    public static readonly ImmutableArray<KeyValuePair<string, ImmutableArray<ConfigKeySpec>>> Sections =
    [
        new(ConfigKeys.Instance, InstanceKeys),
        new(ConfigKeys.Overlay, OverlayKeys),
        new(ConfigKeys.Egress, EgressKeys),
        new(ConfigKeys.Access, AccessKeys),
        new(ConfigKeys.Service, ServiceKeys),
    ];

    public static bool TryGetSection(string name, out ImmutableArray<ConfigKeySpec> keys)
    {
        foreach (var section in Sections)
        {
            if (section.Key == name)
            {
                keys = section.Value;
                return true;
            }
        }

        keys = default;
        return false;
    }

    public static ConfigKeySpec? FindKey(ImmutableArray<ConfigKeySpec> keys, string name)
    {
        foreach (var key in keys)
        {
            if (key.Name == name)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>The sections that have a key of this name (to say where a misplaced key belongs).</summary>
    public static IEnumerable<string> SectionsHaving(string keyName) =>
        Sections.Where(s => FindKey(s.Value, keyName) is not null).Select(s => s.Key);
}
