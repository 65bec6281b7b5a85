namespace Causeway.Engine.Daemon;

/// <summary>The modes of what Causeway writes.</summary>
public static class FileModes
{
    /// <summary>rw-------: keys, the generated OpenVPN config, the state file.</summary>
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------: OpenVPN's directory (its management socket is created 0777: the directory is the guard).</summary>
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rwxr-xr-x: the run directory, so that any local user reaches the read-only status socket.</summary>
    public const UnixFileMode PublicDirectory = PrivateDirectory
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
}
