namespace Causeway.Core.Planning;

/// <summary>One device client TCP crosses on this host, and the largest packet it carries whole.</summary>
/// <param name="Device">The interface, e.g. zt2nvuuqiv or tuncw0.</param>
/// <param name="Role">What it is to clients, for `plan`: "overlay", "access (OpenVPN over TCP)", "egress: provider tunnel"...</param>
/// <param name="Mtu">Its MTU; null when not known yet (a ZeroTier network not read, a device not up).</param>
/// <param name="InnerMss">A lower MSS clamped on this device's own flows for a reason of its own (OpenVPN over TCP).</param>
public sealed record MtuHop(string Device, string Role, int? Mtu, int? InnerMss = null);
