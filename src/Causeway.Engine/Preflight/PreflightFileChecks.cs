using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Preflight;

/// <summary>
/// Checks of the files and interface the config names, each reported at the config line that names them.
/// Only through <see cref="IFileSystem"/>; nothing is changed.
/// </summary>
internal sealed class PreflightFileChecks(
    IFileSystem files,
    IHostIdentity host,
    ConfigSourceMap sources,
    List<ConfigDiagnostic> diagnostics)
{
    private const UnixFileMode GroupOrOthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>The provider profile: a readable regular file that nobody but its owner can change.</summary>
    public void CheckProfile(string path)
    {
        const string key = ConfigKeys.EgressProfile;
        if (StatExisting(key, path, "put the provider's .ovpn file there, or correct the path") is not { } facts)
        {
            return;
        }

        // Read first: a FIFO or a device is refused here, before its mode or its size of 0 could say anything.
        if (TryRead(key, path, "provider profile", InputFiles.ProfileMaxBytes).Refused)
        {
            return;
        }

        // Whoever can rewrite the profile can point the tunnel at their own server.
        if ((facts.Mode & GroupOrOthersWrite) != 0)
        {
            Error(key, $"{key}: {path} is writable by group or others (mode {Octal(facts.Mode)}): whoever can change it can redirect the tunnel",
                $"chmod go-w {Quote(path)}");
        }

        if (facts.Length == 0)
        {
            Error(key, $"{key}: {path} is empty", "put the provider's .ovpn file there");
        }
    }

    /// <summary>The auth file: root's alone (0600 or 0400), with a username line and a password line.</summary>
    public void CheckAuth(string path)
    {
        const string key = ConfigKeys.EgressAuth;
        if (StatExisting(key, path, $"create it with the username on the first line and the password on the second, then chmod 600 {Quote(path)}") is not { } facts)
        {
            return;
        }

        var (bytes, refused) = TryRead(key, path, "auth file", InputFiles.AuthMaxBytes);
        if (refused)
        {
            return;
        }

        // The same rule as for the private keys a profile names (ProfileSanitizer): root's alone.
        foreach (var (problem, chmod) in SecretFilePermissions.Problems(path, facts.Mode, facts.OwnerUid, "the provider password"))
        {
            Error(key, $"{key}: {problem}", chmod);
        }

        if (bytes is null)
        {
            return;
        }

        var text = InputFiles.Decode(bytes);

        // OpenVPN's auth-user-pass file: the username, then the password. Trailing blank lines are harmless;
        // a blank line in between would make the password empty. The content itself is never repeated.
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        const string fix = "write the username on the first line and the password on the second, nothing else";
        if (lines.Count != 2)
        {
            Error(key, $"{key}: {path} has {lines.Count} {(lines.Count == 1 ? "line" : "lines")}; OpenVPN expects exactly two: the username, then the password", fix);
        }
        else if (string.IsNullOrWhiteSpace(lines[0]) || string.IsNullOrWhiteSpace(lines[1]))
        {
            Error(key, $"{key}: {path} has an empty {(string.IsNullOrWhiteSpace(lines[0]) ? "username (line 1)" : "password (line 2)")}", fix);
        }
    }

    /// <summary>An overlay given by interface name: the interface must be there (Causeway does not create it).</summary>
    public void CheckInterface(string name)
    {
        const string key = ConfigKeys.OverlayInterface;
        var sysPath = $"/sys/class/net/{name}";
        var facts = Stat(key, sysPath);
        if (facts is { Exists: false })
        {
            Error(key, $"{key}: there is no interface \"{name}\" on this host (no {sysPath})",
                "bring the overlay up first, or correct the name (see `ip link`)");
        }
    }

    /// <summary>state_dir and run_dir: this instance's own (marked), or missing, or empty; never someone else's.</summary>
    public void CheckInstanceDirectories(InstanceSettings instance)
    {
        var owned = new OwnedDirectories(files);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, directory) in new[] { (ConfigKeys.InstanceStateDir, instance.StateDirectory), (ConfigKeys.InstanceRunDir, instance.RunDirectory) })
        {
            if (!seen.Add(directory))
            {
                continue;
            }

            try
            {
                if (owned.Problem(directory, instance.Name) is { } problem)
                {
                    Error(key, $"{key}: {problem}", OwnedDirectories.FixFor(directory, instance.Name));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                if (host.IsRoot)
                {
                    Error(key, $"{key}: cannot check {directory}: {exception.Message}");
                }
                else
                {
                    diagnostics.Add(ConfigDiagnostic.Warning(sources, key, $"{key}: cannot check {directory} (not running as root)", RootHint()));
                }
            }
        }
    }

    /// <summary>
    /// Facts of a path that must exist and not be a directory; null (with the error reported) otherwise. Whether it
    /// is a regular file of a sane size is for <see cref="IFileSystem.ReadInputFile"/> to say: it names a symlink's target.
    /// </summary>
    private FileFacts? StatExisting(string key, string path, string fixIfMissing)
    {
        var facts = Stat(key, path);
        if (facts is null)
        {
            return null;
        }

        if (!facts.Exists)
        {
            Error(key, $"{key}: {path} does not exist", fixIfMissing);
            return null;
        }

        if (facts.IsDirectory)
        {
            Error(key, $"{key}: {path} is a directory, not a file", "name the file itself");
            return null;
        }

        return facts;
    }

    private FileFacts? Stat(string key, string path)
    {
        try
        {
            return files.Stat(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Error(key, $"{key}: cannot check {path}: {exception.Message}", RootHint());
            return null;
        }
    }

    /// <summary>
    /// Reads the file to prove it can be read: its bytes, or null when it could not be read; Refused when it must not
    /// be read at all (not a regular file, too large: an error). Not being root, that it cannot be read is expected
    /// (the auth file is root's): a warning, since a command that needs the content also needs root and says so.
    /// </summary>
    private (byte[]? Bytes, bool Refused) TryRead(string key, string path, string what, long maxBytes)
    {
        try
        {
            return (files.ReadInputFile(path, maxBytes), false);
        }
        catch (InputFileRefusedException refused)
        {
            Error(key, $"{key}: refusing to read the file: {refused.Message}", InputFiles.FixFor(refused, what));
            return (null, true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (host.IsRoot)
            {
                Error(key, $"{key}: cannot read {path}: {exception.Message}");
            }
            else
            {
                diagnostics.Add(ConfigDiagnostic.Warning(sources, key,
                    $"{key}: cannot read {path} to check it (not running as root)", RootHint()));
            }

            return (null, false);
        }
    }

    private string? RootHint() => host.IsRoot ? null : "run as root";

    private void Error(string key, string message, string? fix = null) =>
        diagnostics.Add(ConfigDiagnostic.Error(sources, key, message, fix));

    private static string Octal(UnixFileMode mode) => SecretFilePermissions.Octal(mode);

    private static string Quote(string path) => SecretFilePermissions.ShellQuote(path);
}
