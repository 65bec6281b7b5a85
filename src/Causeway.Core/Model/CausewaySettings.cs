namespace Causeway.Core.Model;

/// <summary>
/// The validated configuration: every value checked, every default filled in. The config loader is the only
/// producer; everything downstream (planner, engine, lab) reads this and never the raw TOML.
/// </summary>
/// <param name="ConfigPath">The file it came from, for messages.</param>
/// <param name="Access">The access servers (Duo); null when the file has no [access] section.</param>
public sealed record CausewaySettings(
    string ConfigPath,
    InstanceSettings Instance,
    OverlaySettings Overlay,
    EgressSettings Egress,
    AccessSettings? Access = null)
{
    /// <summary>[service]: the optional TCP listener of the read-only API; none by default.</summary>
    public ServiceSettings Service { get; init; } = ServiceSettings.None;
}
