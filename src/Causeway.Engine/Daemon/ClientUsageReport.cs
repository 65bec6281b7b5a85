namespace Causeway.Engine.Daemon;

/// <summary>One access client's bytes this month (all its sessions, on both servers).</summary>
/// <param name="SentBytes">What its servers sent it.</param>
/// <param name="ReceivedBytes">What they received from it.</param>
public sealed record ClientUsageReport(string Name, long SentBytes, long ReceivedBytes);
