namespace Causeway.Core.Netlink;

/// <summary>One device's traffic counters as the kernel keeps them (since the device was created).</summary>
/// <param name="Name">The device, e.g. tuncw0.</param>
/// <param name="ReceivedBytes">rx bytes: what arrived on the device.</param>
/// <param name="SentBytes">tx bytes: what left through it.</param>
public sealed record InterfaceCounters(string Name, long ReceivedBytes, long ReceivedPackets, long SentBytes, long SentPackets);
