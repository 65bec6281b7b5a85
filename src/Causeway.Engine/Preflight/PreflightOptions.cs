namespace Causeway.Engine.Preflight;

/// <summary>
/// Which checks a command needs beyond loading the config. `up` needs them all; `status` only needs the config
/// (to find the status socket), and must work for a user who is not root.
/// </summary>
/// <param name="Command">The command being run, for the hint "run as root: sudo causeway &lt;command&gt;".</param>
/// <param name="RequireRoot">Refuse to go on unless the effective uid is 0.</param>
/// <param name="CheckEgressFiles">
/// The provider profile and the auth file exist, are regular files and readable; the auth file is root-owned, not
/// readable or writable by group or others, and holds exactly a username line and a password line.
/// </param>
/// <param name="CheckOverlayInterface">An overlay given by interface name has that interface on the host now.</param>
/// <param name="CheckInstanceDirectories">
/// state_dir and run_dir are this instance's own, or missing, or empty (<see cref="HostState.OwnedDirectories"/>):
/// never a directory that holds someone else's files.
/// </param>
public sealed record PreflightOptions(
    string Command,
    bool RequireRoot,
    bool CheckEgressFiles,
    bool CheckOverlayInterface,
    bool CheckInstanceDirectories = false)
{
    /// <summary>`causeway up`: everything, before the host is touched.</summary>
    public static readonly PreflightOptions Up = new("up", RequireRoot: true, CheckEgressFiles: true, CheckOverlayInterface: true, CheckInstanceDirectories: true);

    /// <summary>
    /// `causeway plan`: what `up` would do, with every check `up` makes; any user (what only root may read is
    /// a warning, not an error).
    /// </summary>
    public static readonly PreflightOptions Plan = new("plan", RequireRoot: false, CheckEgressFiles: true, CheckOverlayInterface: true, CheckInstanceDirectories: true);

    /// <summary>
    /// `causeway down`: removes what Causeway added, and must work even if the profile or the overlay is gone; it
    /// deletes only from directories that are the instance's own.
    /// </summary>
    public static readonly PreflightOptions Down = new("down", RequireRoot: true, CheckEgressFiles: false, CheckOverlayInterface: false, CheckInstanceDirectories: true);

    /// <summary>`causeway doctor`: every check `plan` makes, as any user (what only root may read is a warning).</summary>
    public static readonly PreflightOptions Doctor = Plan with { Command = "doctor" };

    /// <summary>`causeway status`: only the config (it names the status socket); any user.</summary>
    public static readonly PreflightOptions Status = new("status", RequireRoot: false, CheckEgressFiles: false, CheckOverlayInterface: false);
}
