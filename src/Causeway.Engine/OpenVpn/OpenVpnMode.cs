namespace Causeway.Engine.OpenVpn;

/// <summary>What the supervised openvpn is: the provider tunnel's client, or one of the access servers (Duo).</summary>
public enum OpenVpnMode
{
    /// <summary>
    /// The egress client: held at start (`management-hold`), pushed options through `>UPDOWN:`, byte counts every
    /// second, and a tunnel prober while connected.
    /// </summary>
    Client,

    /// <summary>
    /// An access server: no hold, no UPDOWN, no prober. CONNECTED (its "Initialization Sequence Completed") means it
    /// listens and its tun device is up. Its clients show as `>CLIENT:` notices and in `status 3`, read through the
    /// supervisor's own management session (<see cref="OpenVpnSupervisor.SendCommandAsync"/>): OpenVPN takes one
    /// management client at a time.
    /// </summary>
    Server,
}
