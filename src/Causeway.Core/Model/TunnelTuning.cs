namespace Causeway.Core.Model;

/// <summary>OpenVPN client options Causeway sets itself.</summary>
/// <param name="PingSeconds">`ping`: how often to send a keepalive when idle.</param>
/// <param name="PingRestartSeconds">`ping-restart`: silence after which the peer is taken for dead.</param>
/// <param name="FastIo">`fast-io` (UDP only).</param>
/// <param name="SocketBufferBytes">`sndbuf`/`rcvbuf`; 0 = the OS default.</param>
/// <param name="TxQueueLength">`txqueuelen` of the tun device.</param>
public sealed record TunnelTuning(
    int PingSeconds,
    int PingRestartSeconds,
    bool FastIo,
    int SocketBufferBytes,
    int TxQueueLength)
{
    public static readonly TunnelTuning Default = new(
        PingSeconds: 1,
        PingRestartSeconds: 5,
        FastIo: true,
        SocketBufferBytes: 2 * 1024 * 1024,
        TxQueueLength: 1000);
}
