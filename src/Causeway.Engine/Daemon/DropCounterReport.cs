namespace Causeway.Engine.Daemon;

/// <summary>One of Causeway's nft drop rules and what it dropped since this `up` started.</summary>
/// <param name="Rule">The rule's comment, its name (e.g. "drop-client-other", the leak counter).</param>
/// <param name="Chain">Its chain in Causeway's table.</param>
/// <param name="Layer">"forward": forwarded client traffic (<see cref="KillSwitchReport.DroppedPackets"/>); "host": this host's own stack for client flows (<see cref="KillSwitchReport.HostStackDroppedPackets"/>).</param>
public sealed record DropCounterReport(string Rule, string Chain, string Layer, long Packets, long Bytes)
{
    public const string ForwardLayer = "forward";
    public const string HostLayer = "host";
}
