using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Instance;

/// <summary>
/// The files of the daemon's two unix sockets, around Kestrel's bind (which the CLI host does itself): a stale file
/// removed before, the mode set after. The status socket is open to every local user (a read-only API: `causeway
/// status` needs no sudo); the control socket is root's, in a directory that is root's alone (<see cref="ControlApi"/>).
/// The caller holds the instance lock, so no live daemon owns either file.
/// </summary>
public sealed class DaemonSockets(IFileSystem files)
{
    /// <summary>rw for everyone: connecting to a unix socket needs write permission on it.</summary>
    public const UnixFileMode StatusSocketMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    public const UnixFileMode ControlSocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Before the status socket is bound: a file left by a crashed daemon would make the bind fail.</summary>
    public void PrepareStatus(string socketPath) => RemoveStale(socketPath);

    /// <summary>Once Kestrel has created the status socket: open it to local users.</summary>
    public void OpenStatus(string socketPath) => files.SetMode(socketPath, StatusSocketMode);

    /// <summary>Before the control socket is bound: its directory (made if missing, root's only), no stale file in it.</summary>
    public void PrepareControl(string socketPath)
    {
        files.EnsureDirectory(Path.GetDirectoryName(socketPath)!, ControlApi.DirectoryMode);
        RemoveStale(socketPath);
    }

    /// <summary>
    /// Once Kestrel has created the control socket: the directory is the guard; the socket itself is root's only as
    /// well, should the directory ever be opened.
    /// </summary>
    public void CloseControl(string socketPath) => files.SetMode(socketPath, ControlSocketMode);

    private void RemoveStale(string socketPath)
    {
        if (files.Stat(socketPath).Exists)
        {
            files.DeleteFile(socketPath);
        }
    }
}
