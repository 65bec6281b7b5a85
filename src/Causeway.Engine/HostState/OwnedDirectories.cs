using Causeway.Core.Config;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;

namespace Causeway.Engine.HostState;

/// <summary>
/// Causeway's own directories (state_dir, run_dir) are those it made, or that were made for it empty (by its
/// package, or systemd's StateDirectory=/RuntimeDirectory=): it marks them with <see cref="MarkerName"/>, holding the
/// instance's name, when it makes or first adopts them, so a later run can tell. It never sets the mode of, writes
/// its fixed names into, or deletes from a directory without that mark — a directory that already holds files
/// someone else put there (run_dir = "/etc/openvpn" would have its client.conf overwritten, then deleted by
/// `down`) — nor one that is really a directory the host shares (through a symlink).
/// </summary>
public sealed class OwnedDirectories(IFileSystem files)
{
    public const string MarkerName = ".causeway-owned";

    /// <summary>The marker is a name, not a secret: readable, so that `status` and people can tell whose it is.</summary>
    private const UnixFileMode MarkerMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The marker's content is an instance name (32 characters at most): anything longer is not a marker.</summary>
    private const long MarkerMaxBytes = 4096;

    public static string MarkerPath(string directory) => Path.Combine(directory, MarkerName);

    /// <summary>
    /// Why <paramref name="directory"/> is not <paramref name="instanceName"/>'s to use, or null: it is marked as
    /// that instance's, or is missing or empty (then <see cref="Ensure"/> makes or adopts it); a directory holding
    /// nothing but the instance's other (marked) directory counts as empty.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">It cannot be looked into (not root).</exception>
    public string? Problem(string directory, string instanceName)
    {
        var facts = files.Stat(directory);
        if (!facts.Exists)
        {
            return null;
        }

        if (!facts.IsDirectory)
        {
            return $"{directory} exists and is {FileFacts.Describe(facts.Kind)}, not a directory";
        }

        var real = files.RealPath(directory);
        if (SharedDirectories.WhyShared(real) is { } why)
        {
            return real == directory ? why : $"{directory} is a symlink to {real}: {why}";
        }

        var marker = MarkerPath(directory);
        if (files.Stat(marker).Exists)
        {
            var owner = ReadMarker(marker);
            return owner == instanceName
                ? null
                : $"{directory} is marked as the directory of another causeway instance (\"{Printable(owner)}\" in {marker}), not of \"{instanceName}\"";
        }

        // A run_dir inside the state_dir (or the reverse), made first, is the instance's own: not someone else's file.
        var entries = files.ListDirectory(directory)
            .Where(e => !IsMarkedDirectory(Path.Combine(directory, e), instanceName))
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var shown = string.Join(", ", entries.Order(StringComparer.Ordinal).Take(3).Select(Printable)) + (entries.Count > 3 ? ", …" : string.Empty);
        return $"{directory} already holds files ({shown}) and has no {MarkerName}: Causeway did not make it, so it will not change its mode, write its files into it or delete any";
    }

    /// <summary>What to do about a <see cref="Problem"/>.</summary>
    public static string FixFor(string directory, string instanceName) =>
        $"point the config at a new directory, which Causeway makes; or, if this one really is this instance's, mark it: echo {instanceName} > {MarkerPath(directory)}";

    /// <summary>
    /// Makes the directory (and its parents) and marks it, or marks an empty one, or accepts one marked as this
    /// instance's; then sets its mode. Only then is anything written into it.
    /// </summary>
    /// <exception cref="DirectoryNotOwnedException">It is not this instance's (see <see cref="Problem"/>).</exception>
    public void Ensure(string directory, UnixFileMode mode, string instanceName)
    {
        if (Problem(directory, instanceName) is { } problem)
        {
            throw new DirectoryNotOwnedException(directory, problem, FixFor(directory, instanceName));
        }

        var marker = MarkerPath(directory);
        if (!files.Stat(marker).Exists)
        {
            // Missing (made now) or empty (adopted now): the mark goes in first, so that an interrupted start leaves
            // a directory a later run recognizes.
            if (!files.Stat(directory).Exists)
            {
                files.EnsureDirectory(directory, mode);
            }

            files.WriteAllTextAtomic(marker, instanceName + "\n", MarkerMode);
        }

        files.EnsureDirectory(directory, mode);
    }

    /// <summary>
    /// `down`: removes the directory if nothing but Causeway's mark is left in it; false when something else is (and
    /// it stays).
    /// </summary>
    public bool RemoveIfEmpty(string directory)
    {
        if (!files.Stat(directory).IsDirectory)
        {
            return true;
        }

        var entries = files.ListDirectory(directory);
        if (entries.Any(e => e != MarkerName))
        {
            return false;
        }

        if (entries.Count > 0)
        {
            files.DeleteFile(MarkerPath(directory));
        }

        files.DeleteDirectory(directory);
        return true;
    }

    private bool IsMarkedDirectory(string path, string instanceName) =>
        files.Stat(path).IsDirectory && files.Stat(MarkerPath(path)).Exists && ReadMarker(MarkerPath(path)) == instanceName;

    private string ReadMarker(string marker)
    {
        try
        {
            return InputFiles.Decode(files.ReadInputFile(marker, MarkerMaxBytes)).Trim();
        }
        catch (InputFileRefusedException refused)
        {
            return $"? ({refused.Problem})";
        }
    }

    private static string Printable(string text) =>
        string.Concat(text.Take(64).Select(c => char.IsControl(c) ? '?' : c));
}
