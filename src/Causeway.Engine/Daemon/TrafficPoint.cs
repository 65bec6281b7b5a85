namespace Causeway.Engine.Daemon;

/// <summary>One reading of the egress device's rates, in <see cref="TrafficReport.History"/>.</summary>
/// <param name="At">When it was read.</param>
/// <param name="UpstreamBytesPerSecond">Towards the internet; null without a rate (the first reading, a device gone or made anew).</param>
/// <param name="DownstreamBytesPerSecond">Back towards the clients.</param>
public sealed record TrafficPoint(DateTimeOffset At, double? UpstreamBytesPerSecond, double? DownstreamBytesPerSecond);
