namespace Causeway.Core.Access;

/// <summary>
/// The fixed choices behind the access servers' configs and the client profiles, in one place with their reasons.
/// </summary>
public static class AccessTuning
{
    /// <summary>
    /// AEAD ciphers only, in the server's order of preference (it picks the first one the client also has):
    /// AES-GCM where the CPU has AES instructions, ChaCha20-Poly1305 for phones without them.
    /// </summary>
    public const string DataCiphers = "AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305";

    /// <summary>
    /// `keepalive 10 30`, pushed to clients as `ping 10` and `ping-restart 30` (the server itself waits twice that,
    /// 60 s, before it drops a silent client and frees its address). Weighed against a phone's battery:
    /// <list type="bullet">
    /// <item>The ping interval is what costs: each idle ping, either way, wakes the phone's radio, which then stays up
    /// for its tail (seconds). 10 s is not shortened; it is also what keeps the UDP mappings of mobile carriers' NATs
    /// (often 30 s) alive, so that the overlay can still reach an idle phone.</item>
    /// <item>ping-restart costs no battery (it is a timer on the phone), only false restarts: a client that hears nothing
    /// for that long restarts. 30 s is three pings in a row lost, or half a minute with no coverage, after which the
    /// NAT mapping is likely gone and a reconnect (one handshake, the same pool address) is what is needed anyway.</item>
    /// <item>It matters only when a server dies without a word (SIGKILL, the OOM killer, a crash): a graceful stop tells
    /// UDP clients at once (explicit-exit-notify), TCP clients see the connection close, and a restart or crash of
    /// `causeway up` does not touch the servers at all (a new `up` adopts them). Then a UDP phone is back within 30 s
    /// plus one handshake, where it took 60.</item>
    /// </list>
    /// Revocation does not wait for it either: `client-kill` tells the client at once.
    /// </summary>
    public const int KeepaliveSeconds = 10;

    public const int KeepaliveTimeoutSeconds = 30;

    /// <summary>
    /// UDP server: `mssfix 1450 mtu`: TCP inside the tunnel is clamped so that the encrypted UDP packets, headers
    /// included, fit in 1450 bytes, which also passes networks whose MTU is below 1500 (PPPoE 1492, 464XLAT 1480)
    /// without fragments. OpenVPN's default is 1492.
    /// </summary>
    public const int UdpMssFix = 1450;

    /// <summary>
    /// TCP server: the MSS of TCP flows through it is clamped by nftables to this (mssfix does nothing over TCP).
    /// An inner packet of MSS + 40 bytes, plus OpenVPN's framing (2 length + 4 opcode/peer-id + 4 packet id + 16 tag),
    /// then fits in one outer TCP segment (1500 - 40 IPv6 - 32 TCP with timestamps = 1428 bytes); a full 1500-byte
    /// inner packet would take two outer segments, the second nearly empty.
    /// </summary>
    public const int TcpClampedMss = 1360;

    /// <summary>The servers' tun devices: OpenVPN's default tun-mtu, which every stock client expects.</summary>
    public const int TunMtu = 1500;

    /// <summary>
    /// UDP server: sndbuf and rcvbuf, enough for bursts at full speed. The TCP server sets none: explicit socket
    /// buffers would switch off the kernel's TCP buffer autotuning, which does better.
    /// </summary>
    public const int UdpSocketBufferBytes = 2 * 1024 * 1024;

    /// <summary>Transmit queue length of the servers' tun devices, in packets.</summary>
    public const int TxQueueLength = 1000;

    /// <summary>
    /// Client profile: `server-poll-timeout 4`: with UDP blocked, the client gives up on UDP 1194 after 4 s and goes
    /// on to TCP 443 (the default waits 120 s). It also bounds the TCP connect.
    /// </summary>
    public const int ServerPollTimeoutSeconds = 4;

    /// <summary>Client profile: `connect-retry 1 10`: 1 s between attempts, backing off to 10 s at most (the default 300).</summary>
    public const int ConnectRetrySeconds = 1;

    public const int ConnectRetryMaxSeconds = 10;

    /// <summary>
    /// With block_ipv6, clients are given this IPv6 address (all the same: it never carries a packet) so that they
    /// route their IPv6 into the tunnel, where the server answers every IPv6 packet with "no route" (`block-ipv6`)
    /// rather than let it go around the tunnel. A unique-local prefix picked for Causeway.
    /// </summary>
    public const string BlockedIpv6ClientAddress = "fd5c:a7c0:4e11::2/64";

    public const string BlockedIpv6Gateway = "fd5c:a7c0:4e11::1";
}
