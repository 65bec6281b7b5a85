namespace Causeway.Lab.Bench;

/// <summary>The names of the paths the benchmark measures, as they appear in its report.</summary>
public static class BenchPaths
{
    /// <summary>The gateway to the internet router over the bare veth: the ceiling, no tunnel at all.</summary>
    public const string RawVeth = "raw-veth";

    /// <summary>The gateway through a plain OpenVPN client with OpenVPN's defaults: what a user gets by hand.</summary>
    public const string OpenVpnDefaults = "openvpn-defaults";

    /// <summary>
    /// The gateway itself through Causeway's tunnel (no overlay, no forwarding): the same path as
    /// <see cref="OpenVpnDefaults"/>, with Causeway's options and under `causeway up`.
    /// </summary>
    public const string CausewayTunnel = "causeway-tunnel";

    /// <summary>The laptop through the overlay, the gateway's forwarding and Causeway's tunnel.</summary>
    public const string Causeway = "causeway";

    /// <summary>Dinosaur: the sbc's own traffic through its provider tunnel (two OpenVPN processes): the bare provider tunnel.</summary>
    public const string ProviderTunnel = "provider-tunnel";

    /// <summary>Dinosaur: the open network's phone over UDP 1194, phone → VM → overlay → sbc → provider (four OpenVPN processes).</summary>
    public const string ChainUdp = "chain-udp";

    /// <summary>Dinosaur: the café's phone, whose network drops UDP, over TCP 443 along the same chain.</summary>
    public const string ChainTcpCafe = "chain-tcp-cafe";

    public const string Upload = "upload";
    public const string Download = "download";
}
