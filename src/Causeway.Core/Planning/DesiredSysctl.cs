namespace Causeway.Core.Planning;

/// <summary>A kernel setting Causeway wants.</summary>
/// <param name="Name">sysctl(8) spelling, e.g. net.ipv4.conf.tuncw0.rp_filter (see <see cref="SysctlNames"/>).</param>
/// <param name="RequiresDevice">
/// Set only while this device exists: a per-device setting appears and vanishes with the device (OpenVPN
/// recreates the tun on reconnect), and the diff, which sees the host, decides.
/// </param>
public sealed record DesiredSysctl(string Name, string Value, string? RequiresDevice = null);
