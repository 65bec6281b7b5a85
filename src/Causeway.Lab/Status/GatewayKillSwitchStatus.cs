namespace Causeway.Lab.Status;

/// <summary>`killSwitch` in `causeway status --json`: the two fail-closed layers as the daemon last saw them.</summary>
public sealed record GatewayKillSwitchStatus(bool RouteLayer, bool NftLayer, long? DroppedPackets);
