using System.Collections.Immutable;
using Causeway.Core.Model;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Access;

/// <summary>One access server, ready to start: its config written, where its socket, pid file and log will be.</summary>
public sealed record AccessServerLaunch(AccessServerSettings Server, string ConfigPath, string ManagementSocketPath, string PidFilePath)
{
    /// <summary>Where the server's own output goes (it outlives `causeway up`, so not into the daemon's pipes).</summary>
    public string? LogFilePath { get; init; }

    /// <summary>
    /// The pid of this server's openvpn left running by a previous `causeway up`, with this very config: the
    /// supervisor takes it over instead of starting one, so its clients stay connected. Null: start one.
    /// </summary>
    public int? AdoptProcessId { get; init; }

    /// <summary>
    /// `openvpn --config ConfigPath`, detached: its own session (a hang-up of the daemon's terminal never reaches it),
    /// output to <see cref="LogFilePath"/>, and NOT dying with the daemon: a crash or restart of `causeway up` must not
    /// drop the phones. `causeway down` stops it.
    /// </summary>
    public ProcessSpec ToProcessSpec(string openVpnPath = "openvpn") =>
        new(openVpnPath, ImmutableArray.Create("--config", ConfigPath), DieWithParent: false, DetachedLogFile: LogFilePath);

    /// <summary>How the supervisor runs (or takes over) this server.</summary>
    public OpenVpnLaunch ToOpenVpnLaunch(string openVpnPath = "openvpn") =>
        new(openVpnPath, ConfigPath, ManagementSocketPath, PidFilePath)
        {
            Mode = OpenVpnMode.Server,
            Name = $"the {Server.TransportName} access server",
            LogFilePath = LogFilePath,
            AdoptProcessId = AdoptProcessId,
        };
}
