namespace Causeway.Lab.Bench;

/// <summary>
/// What one tunnel path really ran with, as its OpenVPN client logged it and the kernel shows its device: the
/// evidence that the two tunnels differ only in the client's own options (same server options, same cipher).
/// </summary>
/// <param name="Path">openvpn-defaults or causeway.</param>
/// <param name="Cipher">The data channel cipher negotiated ("Data Channel: cipher ..."), or null if not logged.</param>
/// <param name="PushReply">What the server pushed, with the addresses that differ between the two servers masked.</param>
/// <param name="SocketBuffers">"Socket Buffers: R=[...] S=[...]": requested and granted sizes.</param>
/// <param name="TunMtu">The tun device's MTU.</param>
/// <param name="TxQueueLength">The tun device's txqueuelen.</param>
/// <param name="ClientOptions">The client's own performance-related options (fast-io, sndbuf, ...), as configured.</param>
public sealed record TunnelSetup(
    string Path,
    string Device,
    string? Cipher,
    string? PushReply,
    string? SocketBuffers,
    int? TunMtu,
    int? TxQueueLength,
    IReadOnlyList<string> ClientOptions);
