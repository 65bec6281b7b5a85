using System.Threading.Channels;
using Causeway.Core.Management;
using Causeway.Core.Model;
using Causeway.Core.Tunnel;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// What the daemon and the access servers need of an OpenVPN supervisor (<see cref="OpenVpnSupervisor"/>): start it,
/// follow its status, talk through its management session, stop it or leave its openvpn running. The daemon loop's
/// unit tests drive a fake of it, so that they need neither openvpn nor root.
/// </summary>
public interface ITunnelSupervisor : IAsyncDisposable
{
    /// <summary>The latest status.</summary>
    TunnelStatus Current { get; }

    /// <summary>Every change, latest wins: a slow reader skips to the newest. Completes after the final Stopped.</summary>
    ChannelReader<TunnelStatus> Updates { get; }

    /// <summary>The openvpn <see cref="LeaveRunningAsync"/> left running, if it did.</summary>
    int? LeftRunningProcessId { get; }

    /// <summary>Sends a command on the supervisor's own management session and returns its checked reply.</summary>
    /// <exception cref="IOException">openvpn is not running or its session is not ready, or the session ended.</exception>
    /// <exception cref="InvalidOperationException">OpenVPN answered ERROR.</exception>
    /// <exception cref="TimeoutException">No answer in time.</exception>
    Task<ManagementReply> SendCommandAsync(string command, CancellationToken cancellationToken = default);

    /// <summary>Starts supervising and returns; the tunnel comes up in the background (watch <see cref="Updates"/>).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops openvpn; returns when it is gone and the status says Stopped.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Stops supervising and leaves openvpn running (its management session closed, its pid file kept).</summary>
    Task LeaveRunningAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The overlay as the daemon last read it (before the start and at every round): a supervisor whose path is the
    /// overlay (<see cref="Gateway.OverlayGatewaySupervisor"/>) sends its probes from this host's address on it.
    /// </summary>
    void ObserveOverlay(OverlayFacts overlay)
    {
    }
}
