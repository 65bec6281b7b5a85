using System.Collections.Immutable;

namespace Causeway.Core.Management;

/// <summary>
/// A client's `status` answer (the same for any status version):
/// <code>
/// OpenVPN STATISTICS
/// Updated,2026-11-25 08:18:32
/// TUN/TAP read bytes,96
/// TUN/TAP write bytes,48
/// TCP/UDP read bytes,2446
/// TCP/UDP write bytes,2441
/// Auth read bytes,48
/// END
/// </code>
/// </summary>
/// <param name="Updated">The `Updated` text as printed (local time, no zone).</param>
/// <param name="Values">Every `name,value` line, including those without a property here.</param>
public sealed record ClientStatistics(
    string? Updated,
    long TunReadBytes,
    long TunWriteBytes,
    long LinkReadBytes,
    long LinkWriteBytes,
    long AuthReadBytes,
    ImmutableDictionary<string, string> Values);
