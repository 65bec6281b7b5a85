using Causeway.Core.Host;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Instance;

/// <summary>
/// The files of the daemon's two unix sockets, around Kestrel's bind (which the CLI host does itself): a stale file
/// removed before, the mode set after. The status socket (a read-only API) is root's and the <see cref="StatusGroup"/>
/// group's, 0660, when that group exists (the package makes it: `sudo adduser $USER causeway` lets a user run
/// `causeway status`); without the group it is open to every local user, 0666, so that `causeway status` needs no
/// sudo on a host installed without the package. The control socket is root's, in a directory that is root's alone
/// (<see cref="ControlApi"/>). The caller holds the instance lock, so no live daemon owns either file.
/// </summary>
public sealed class DaemonSockets(IFileSystem files)
{
    /// <summary>The group the status socket is given when it exists.</summary>
    public const string StatusGroup = "causeway";

    /// <summary>rw for everyone: connecting to a unix socket needs write permission on it.</summary>
    public const UnixFileMode StatusSocketMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>rw for root and the <see cref="StatusGroup"/> group.</summary>
    public const UnixFileMode GroupStatusSocketMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    public const UnixFileMode ControlSocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Before the status socket is bound: a file left by a crashed daemon would make the bind fail.</summary>
    public void PrepareStatus(string socketPath) => RemoveStale(socketPath);

    /// <summary>
    /// Once Kestrel has created the status socket: open it to the <see cref="StatusGroup"/> group, or to every local
    /// user without that group. Says who may read it, for the log.
    /// </summary>
    public string OpenStatus(string socketPath)
    {
        if (StatusGroupId() is { } gid)
        {
            try
            {
                // The group first: a moment at 0660 with root's group is closed, never open.
                files.SetGroup(socketPath, gid);
            }
            catch (IOException e)
            {
                // Not a member of the group and no CAP_CHOWN (a unit without SupplementaryGroups=causeway): closed
                // rather than open to everyone, and said.
                files.SetMode(socketPath, ControlSocketMode);
                return $"root only (0600): {e.Message}; run the daemon with the group {StatusGroup} among its groups (the unit's SupplementaryGroups={StatusGroup})";
            }

            files.SetMode(socketPath, GroupStatusSocketMode);
            return $"root and the group {StatusGroup} (0660)";
        }

        files.SetMode(socketPath, StatusSocketMode);
        return $"every local user (0666: no group {StatusGroup} on this host)";
    }

    /// <summary>The <see cref="StatusGroup"/> group's gid in /etc/group; null when it has none (or it cannot be read).</summary>
    public int? StatusGroupId()
    {
        try
        {
            return files.Stat(SystemGroups.Path).Exists ? SystemGroups.IdOf(files.ReadAllText(SystemGroups.Path), StatusGroup) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

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
