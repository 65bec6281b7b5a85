using System.Net;

namespace Causeway.Core.Model;

/// <summary>
/// Where forwarded traffic leaves: a provider tunnel this host runs (<see cref="ProfilePath"/>: Uno, Duo), or another
/// Causeway host on the overlay that runs one (<see cref="OverlayGateway"/>: Dinosaur's VM, whose egress is the home
/// SBC). Exactly one of the two is set.
/// </summary>
/// <param name="ProfilePath">The provider's .ovpn file (untrusted input: sanitized before use); null with an overlay gateway.</param>
/// <param name="AuthPath">Username and password file (two lines, 0600, root-owned); null if the provider needs none.</param>
/// <param name="FallbackDns">Resolver for client DNS when the provider pushes none (with an overlay gateway: instead of the gateway).</param>
/// <param name="DeviceName">The tun device. Must start with "tun": zerotier-one skips lo*, zt*, tun*, tap* only.</param>
public sealed record EgressSettings(
    string? ProfilePath,
    string? AuthPath,
    IPAddress? FallbackDns,
    string DeviceName,
    TunnelTuning Tuning)
{
    public const string DefaultDeviceName = "tuncw0";

    /// <summary>The default target of the end-to-end probe: a public resolver that answers echoes.</summary>
    public static readonly IPAddress DefaultInternetProbe = IPAddress.Parse("9.9.9.9");

    /// <summary>The overlay address of the Causeway host clients' internet traffic is routed to; null with a provider tunnel.</summary>
    public IPAddress? OverlayGateway { get; init; }

    /// <summary>Where the end-to-end probe goes, along the clients' path; null: no internet hop is probed.</summary>
    public IPAddress? InternetProbe { get; init; } = DefaultInternetProbe;

    /// <summary>
    /// `monthly_budget_gb` in bytes: this month's egress (<see cref="Traffic.EgressUsage.CountedBytes"/>) warns at
    /// 80% and 100% of it; null: no budget (the counts are kept all the same).
    /// </summary>
    public long? MonthlyBudgetBytes { get; init; }

    /// <summary>
    /// The port of the overlay gateway's read-only status listener (its `[service] listen` on its overlay address):
    /// this host reads the gateway's own hops there, so that its status and dashboard show the whole chain (this
    /// host → the gateway → the provider → the internet). Null: not read.
    /// </summary>
    public int? GatewayStatusPort { get; init; }

    /// <summary>The egress is a gateway on the overlay: no provider tunnel (and no OpenVPN client) on this host.</summary>
    public bool IsOverlayGateway => OverlayGateway is not null;
}
