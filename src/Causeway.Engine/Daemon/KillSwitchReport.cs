namespace Causeway.Engine.Daemon;

/// <summary>The two fail-closed layers as last observed, and what the nft layer has dropped.</summary>
public sealed record KillSwitchReport(bool RouteLayer, bool NftLayer, long DroppedPackets);
