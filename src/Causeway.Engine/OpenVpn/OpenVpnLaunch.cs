namespace Causeway.Engine.OpenVpn;

/// <summary>How the supervisor runs openvpn: `OpenVpnPath --config ConfigPath`.</summary>
/// <param name="ConfigPath">The generated config. It must say `management ManagementSocketPath unix`; a client's also
/// `management-hold` (so nothing happens before the supervisor listens) and `management-up-down` (pushed DNS).</param>
/// <param name="PidFilePath">Written by the supervisor with the pid of the openvpn it started, so that the next run
/// can find and stop an openvpn left behind.</param>
public sealed record OpenVpnLaunch(string OpenVpnPath, string ConfigPath, string ManagementSocketPath, string PidFilePath)
{
    /// <summary>
    /// How often the tunnel probe sends an echo to the VPN gateway while connected: `ping_seconds`. Each answer is
    /// traffic from the server, which is what keeps OpenVPN's ping-restart timer from firing on an idle tunnel.
    /// </summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Client (the provider tunnel, the default) or Server (an access server: no hold, no prober).</summary>
    public OpenVpnMode Mode { get; init; } = OpenVpnMode.Client;

    /// <summary>What the log calls this openvpn, e.g. "openvpn" or "access server udp".</summary>
    public string Name { get; init; } = "openvpn";

    /// <summary>
    /// Null (the provider tunnel): openvpn dies with the daemon and its output is the daemon's log. Set (an access
    /// server): openvpn is detached (its own session, output appended to this file, emptied at each start) and
    /// outlives the daemon, so that a crash or restart of `causeway up` does not drop its clients; its log reaches
    /// the daemon's through the management socket (`log on`).
    /// </summary>
    public string? LogFilePath { get; init; }

    /// <summary>
    /// The pid of an openvpn already running with this config (left by a previous `causeway up`, checked by the
    /// caller): the supervisor takes it over instead of starting one, the first time only. If it dies, the next one
    /// is started as usual.
    /// </summary>
    public int? AdoptProcessId { get; init; }
}
