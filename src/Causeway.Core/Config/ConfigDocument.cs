namespace Causeway.Core.Config;

/// <summary>
/// The config file as bound by Tomlyn's source generator (<see cref="ConfigTomlContext"/>): raw values, nulls for
/// what was not written. Only <see cref="ConfigValidator"/> reads it; everything else reads the validated model.
/// </summary>
internal sealed class ConfigDocument
{
    public InstanceTable? Instance { get; set; }

    public OverlayTable? Overlay { get; set; }

    public EgressTable? Egress { get; set; }

    public AccessTable? Access { get; set; }

    public ServiceTable? Service { get; set; }
}
