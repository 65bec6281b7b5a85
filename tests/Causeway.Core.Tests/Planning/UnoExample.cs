using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Model;

namespace Causeway.Core.Tests.Planning;

/// <summary>
/// The reference Uno inputs: the same overlay, LAN, tunnel and names as the captured fixtures
/// (Fixtures/ip/capture.sh), whose nft table is Fixtures/nft/causeway.nft.
/// </summary>
internal static class UnoExample
{
    public const string Overlay = "zt2nvuuqiv";
    public const string Tun = "tuncw0";

    public static CausewaySettings Settings(
        ImmutableArray<IPNetwork>? lans = null,
        bool masqueradeLans = true,
        IPAddress? fallbackDns = null,
        InstanceSettings? instance = null) => new(
        "/etc/causeway/causeway.toml",
        instance ?? new InstanceSettings(
            InstanceSettings.DefaultName,
            InstanceSettings.DefaultStateDirectory,
            InstanceSettings.DefaultRunDirectory,
            InstanceSettings.DefaultNftTable,
            InstanceSettings.DefaultRouteTable,
            InstanceSettings.DefaultRulePriority,
            InstanceSettings.DefaultReconcileInterval),
        new OverlaySettings(
            new InterfaceOverlaySource(Overlay, [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")]),
            lans ?? [IPNetwork.Parse("192.168.1.0/24")],
            masqueradeLans),
        new EgressSettings("provider.ovpn", null, fallbackDns ?? IPAddress.Parse("9.9.9.9"), Tun, TunnelTuning.Default));

    public static OverlayFacts OverlayFacts { get; } = new(
        Overlay,
        [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")],
        [IPAddress.Parse("10.222.0.1"), IPAddress.Parse("fdcc:ca5e::1")]);

    public static TunnelFacts Connected { get; } = new(true, IPAddress.Parse("10.8.0.6"), [IPAddress.Parse("10.8.0.1")]);

    public static TunnelFacts Disconnected { get; } = Connected with { Connected = false };
}
