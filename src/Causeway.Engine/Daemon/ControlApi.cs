using Causeway.Core.Model;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The daemon's control API: HTTP on a unix socket in a directory only root may enter
/// (&lt;run_dir&gt;/control, 0700), for what root asks of the running daemon and no one else may: the access servers'
/// live sessions (with the clients' real addresses) and ending a client's sessions. It is separate from the status
/// socket, which every local user may read and which stays read-only.
/// </summary>
public static class ControlApi
{
    /// <summary>GET: every live session on every access server → <see cref="ControlSessionsReport"/>.</summary>
    public const string SessionsPath = "/v1/access/sessions";

    /// <summary>POST: `client-kill CID HALT` for each session of the client named {name} → <see cref="ControlSessionsReport"/> of those ended.</summary>
    public const string KillPathTemplate = "/v1/access/clients/{name}/kill";

    /// <summary>rwx------: the control socket's directory is the guard (a unix socket's own mode is not checked everywhere).</summary>
    public const UnixFileMode DirectoryMode = FileModes.PrivateDirectory;

    public static string Directory(InstanceSettings instance) => Path.Combine(instance.RunDirectory, "control");

    public static string SocketPath(InstanceSettings instance) => Path.Combine(Directory(instance), "control.sock");

    /// <summary>The kill path for one client (its name is a client name: letters, digits, '-', '_', '.': nothing to escape).</summary>
    public static string KillPath(string name) => KillPathTemplate.Replace("{name}", Uri.EscapeDataString(name), StringComparison.Ordinal);
}
