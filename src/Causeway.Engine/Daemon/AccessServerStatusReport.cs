namespace Causeway.Engine.Daemon;

/// <summary>One access server as its supervisor sees it.</summary>
/// <param name="Transport">"udp" or "tcp".</param>
/// <param name="Subnet">Its half of access.pool.</param>
/// <param name="State">The supervisor's state: "Connected" means listening with its tun device up.</param>
/// <param name="Up">Listening, its tun device up.</param>
/// <param name="Clients">Sessions on it at the last read.</param>
public sealed record AccessServerStatusReport(
    string Transport,
    int Port,
    string Device,
    string Subnet,
    string State,
    bool Up,
    DateTimeOffset StateSince,
    string? Detail,
    int ProcessStarts,
    string? LastError,
    int Clients);
