using Causeway.Core.Model;

namespace Causeway.Core.Profiles;

/// <summary>What Causeway adds to a sanitized profile to make the config it starts OpenVPN with.</summary>
/// <param name="DeviceName">The tun device, e.g. tuncw0 (must start with "tun": zerotier-one skips tun* devices).</param>
/// <param name="ManagementSocketPath">Unix socket Causeway drives OpenVPN through (in a 0700 directory).</param>
/// <param name="AuthFilePath">egress.auth: username and password file; null when the provider needs none.</param>
/// <param name="PidFilePath">Where OpenVPN writes its pid.</param>
/// <param name="Tuning">Keepalive, buffers, queue length.</param>
public sealed record ClientConfigOptions(
    string DeviceName,
    string ManagementSocketPath,
    string? AuthFilePath,
    string PidFilePath,
    TunnelTuning Tuning);
