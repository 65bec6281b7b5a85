using System.Net;

namespace Causeway.Core.Model;

/// <summary>The provider tunnel that forwarded traffic leaves through.</summary>
/// <param name="ProfilePath">The provider's .ovpn file (untrusted input: sanitized before use).</param>
/// <param name="AuthPath">Username and password file (two lines, 0600, root-owned); null if the provider needs none.</param>
/// <param name="FallbackDns">Resolver for overlay DNS when the provider pushes none.</param>
/// <param name="DeviceName">The tun device. Must start with "tun": zerotier-one skips lo*, zt*, tun*, tap* only.</param>
public sealed record EgressSettings(
    string ProfilePath,
    string? AuthPath,
    IPAddress? FallbackDns,
    string DeviceName,
    TunnelTuning Tuning)
{
    public const string DefaultDeviceName = "tuncw0";
}
