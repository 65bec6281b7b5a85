using Causeway.Engine.HostState;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Seams;
using Causeway.Engine.ZeroTier;

namespace Causeway.Engine.Daemon;

/// <summary>The pieces the gateway daemon drives, built by the composition root.</summary>
public sealed record GatewayParts(
    OverlayResolver Overlay,
    OpenVpnSupervisor Supervisor,
    HostObserver Observer,
    HostApplier Applier,
    StateStore State,
    ConntrackFlusher Conntrack,
    IFileSystem Files,
    TimeProvider Time);
