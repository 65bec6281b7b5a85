using System.Collections.Concurrent;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>
/// Where the programs Causeway runs as root (ip, nft, conntrack, openvpn, setpriv …) are: looked up once in a fixed
/// list of system directories, never through $PATH (which the caller of `sudo` or a unit file could point anywhere),
/// and accepted only if nobody but root can change them — the file (after symlinks) root-owned and not writable by
/// group or others, and so every directory above it.
/// </summary>
public sealed class SystemPrograms : IPrograms
{
    /// <summary>Where Debian, Ubuntu, Fedora and Alpine install them, merged /usr or not.</summary>
    public static readonly IReadOnlyList<string> FixedDirectories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    private const UnixFileMode GroupOrOthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly IReadOnlyList<string> _directories;
    private readonly IFileSystem _files;
    private readonly ConcurrentDictionary<string, string> _resolved = new(StringComparer.Ordinal);

    /// <param name="directories">Searched in order; <see cref="FixedDirectories"/> outside tests.</param>
    public SystemPrograms(IReadOnlyList<string> directories, IFileSystem files)
    {
        _directories = directories;
        _files = files;
    }

    /// <summary>The one every runner and launcher of this process shares.</summary>
    public static SystemPrograms Default { get; } = new(FixedDirectories, new LinuxFileSystem());

    /// <summary>
    /// The absolute path to run for <paramref name="program"/>: a bare name is looked up (once) in the fixed
    /// directories and checked; a path (it has a '/') is the caller's choice and is returned as it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not installed there, or changeable by someone other than root.</exception>
    public string Resolve(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return program;
        }

        if (_resolved.TryGetValue(program, out var known))
        {
            return known;
        }

        foreach (var directory in _directories)
        {
            var candidate = Path.Combine(directory, program);
            var facts = _files.Stat(candidate);
            if (!facts.IsRegularFile || (facts.Mode & AnyExecute) == 0)
            {
                continue;
            }

            if (Problem(candidate) is { } problem)
            {
                throw new InvalidOperationException(
                    $"refusing to run {candidate}: {problem}; Causeway runs programs as root, so only root may be able to change them (chown root:root and chmod go-w, or reinstall the package)");
            }

            return _resolved.GetOrAdd(program, candidate);
        }

        throw new InvalidOperationException(
            $"`{program}` is not installed: Causeway looks for it in {string.Join(", ", _directories)} only, never through $PATH (install the package that has it)");
    }

    /// <summary>Why the program at <paramref name="path"/> could be changed by someone other than root; null if not.</summary>
    private string? Problem(string path)
    {
        var real = _files.RealPath(path);
        var via = real == path ? string.Empty : $" (a symlink to {real})";
        var facts = _files.Stat(real);
        if (facts.OwnerUid != 0)
        {
            return $"it{via} is owned by uid {facts.OwnerUid}, not root";
        }

        if ((facts.Mode & GroupOrOthersWrite) != 0)
        {
            return $"it{via} is writable by group or others (mode {Convert.ToString((int)facts.Mode, 8).PadLeft(4, '0')})";
        }

        for (var directory = Path.GetDirectoryName(real); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
        {
            var above = _files.Stat(directory);
            if (above.OwnerUid != 0 || ((above.Mode & GroupOrOthersWrite) != 0 && (above.Mode & UnixFileMode.StickyBit) == 0))
            {
                return $"the directory {directory} that holds it{via} can be changed by someone other than root (owner uid {above.OwnerUid}, mode {Convert.ToString((int)above.Mode, 8).PadLeft(4, '0')})";
            }
        }

        return null;
    }
}
