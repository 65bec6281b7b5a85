using System.Collections.Immutable;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Core.ZeroTier;

namespace Causeway.Core.Doctor;

/// <summary>
/// The names the checks are about: from the config when there is one, else Causeway's defaults (rule priorities
/// 7270/7271, route table 7270, table inet causeway, the tunnel device tuncw0, 2 MiB socket buffers).
/// </summary>
/// <param name="OverlayDevice">The overlay's device when known (the config's interface, or ZeroTier's device for its network).</param>
/// <param name="EgressDevice">Where clients' traffic leaves: the provider tunnel's device, or the overlay's with an overlay gateway.</param>
/// <param name="AccessPorts">Each access server's port and protocol ("1194/udp").</param>
public sealed record DoctorSubject(
    DoctorConfigFacts Config,
    OwnedNames Owned,
    string? OverlayDevice,
    string EgressDevice,
    ImmutableArray<string> AccessDevices,
    ImmutableArray<string> AccessPorts,
    int SocketBufferBytes,
    bool IsOverlayGateway)
{
    /// <summary>Stands for the overlay's device in a fix when it is not known.</summary>
    public const string OverlayPlaceholder = "<overlay device>";

    public CausewaySettings? Settings => Config.Settings;

    public bool HasConfig => Settings is not null;

    /// <summary>"no config at /etc/causeway/causeway.toml", or why the one given could not be used.</summary>
    public string WithoutConfig => Config.State switch
    {
        DoctorConfigState.Absent => $"no config at {Config.Path}",
        DoctorConfigState.NeedsRoot => $"the config {Config.Path} can only be read by root",
        _ => $"the config {Config.Path} has errors",
    };

    /// <summary>Appended to what a check looked at when it used the defaults.</summary>
    public string DefaultsNote => HasConfig ? string.Empty : $" (Causeway's defaults: {WithoutConfig})";

    /// <summary>The overlay's device, or a placeholder, for fixes.</summary>
    public string OverlayName => OverlayDevice ?? OverlayPlaceholder;

    /// <summary>
    /// The devices clients' traffic arrives on and is forwarded from to the egress: the overlay's and the access
    /// servers' (with an overlay gateway, only the access servers': the overlay is the egress then).
    /// </summary>
    public ImmutableArray<string> ClientDevices => [.. new[] { OverlayName }.Concat(AccessDevices).Where(d => d != EgressDevice)];

    public static DoctorSubject From(DoctorFacts facts)
    {
        if (facts.Config.Settings is not { } settings)
        {
            return new DoctorSubject(
                facts.Config,
                OwnedNames.From(new InstanceSettings(
                    InstanceSettings.DefaultName,
                    InstanceSettings.DefaultStateDirectory,
                    InstanceSettings.DefaultRunDirectory,
                    InstanceSettings.DefaultNftTable,
                    InstanceSettings.DefaultRouteTable,
                    InstanceSettings.DefaultRulePriority,
                    InstanceSettings.DefaultReconcileInterval)),
                null,
                EgressSettings.DefaultDeviceName,
                [],
                [],
                TunnelTuning.Default.SocketBufferBytes,
                IsOverlayGateway: false);
        }

        var overlay = settings.Overlay.Source switch
        {
            InterfaceOverlaySource plain => plain.InterfaceName,
            ZeroTierOverlaySource zeroTier => facts.ZeroTier?.Api?.Network?.InterfaceName ?? ZeroTierInterfaceName.Derive(zeroTier.NetworkId),
            _ => null,
        };
        var servers = settings.Access?.Servers ?? [];
        return new DoctorSubject(
            facts.Config,
            OwnedNames.From(settings.Instance),
            overlay,
            settings.Egress.IsOverlayGateway ? overlay ?? OverlayPlaceholder : settings.Egress.DeviceName,
            [.. servers.Select(s => s.DeviceName)],
            [.. servers.Select(s => $"{s.Port}/{s.TransportName}")],
            settings.Egress.Tuning.SocketBufferBytes,
            settings.Egress.IsOverlayGateway);
    }
}
