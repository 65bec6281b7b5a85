namespace Causeway.Lab.Probes;

/// <summary>
/// What `causeway-lab probe inject` put into the tunnel from the provider's side: datagrams and TCP SYNs to closed
/// ports, pings, and replies into a live client flow with a TTL that expires at the gateway.
/// </summary>
/// <param name="Source">The internet address they came from.</param>
/// <param name="Target">The gateway's tunnel address.</param>
/// <param name="TcpErrors">How the TCP attempts ended (e.g. ConnectionRefused: something answered with a reset).</param>
public sealed record InjectProbeResult(
    string Source,
    string Target,
    int UdpSent,
    int TcpSent,
    int PingsSent,
    int FlowRepliesSent,
    int FlowTtl,
    IReadOnlyList<string> TcpErrors,
    IReadOnlyList<string> Errors);
