using System.Collections.Immutable;
using Causeway.Core.Model;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Access;

/// <summary>One access server, ready to start: its config written, where its socket and pid file will be.</summary>
public sealed record AccessServerLaunch(AccessServerSettings Server, string ConfigPath, string ManagementSocketPath, string PidFilePath)
{
    /// <summary>
    /// `openvpn --config ConfigPath`, killed with the daemon (parent-death signal) so the next `up` starts clean, in a
    /// session of its own so that a hang-up of the daemon's terminal does not restart it and drop every client.
    /// </summary>
    public ProcessSpec ToProcessSpec(string openVpnPath = "openvpn", Action<string>? onOutputLine = null) =>
        new(openVpnPath, ImmutableArray.Create("--config", ConfigPath), DieWithParent: true, OnOutputLine: onOutputLine, OwnSession: true);
}
