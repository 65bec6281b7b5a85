using System.Collections.Immutable;
using Causeway.Core.Backup;
using Causeway.Core.Pki;
using Causeway.Engine.Access;
using Causeway.Engine.HostState;
using Causeway.Engine.Instance;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Backup;

/// <summary>
/// `causeway restore`: a bundle from `causeway backup` put back on a (fresh) host. <see cref="Check"/> reads and
/// checks everything first, the bundle (<see cref="BackupFormat"/>, <see cref="RestorePlanner"/>) and the host
/// (no `up` running for the instance, state_dir the instance's own or missing, nothing there to overwrite unless
/// forced, no symlink where a file goes), and writes nothing; <see cref="Apply"/> then writes: state_dir made and
/// marked (<see cref="OwnedDirectories"/>), the access files 0600 in a 0700 directory under the PKI's lock, the
/// provider's files 0600 beside the config, and the config last, so that an interrupted restore leaves no config
/// for `up` to start on half a state.
/// </summary>
public sealed class BackupRestorer(IFileSystem files, IHostIdentity host, TimeProvider time)
{
    /// <summary>The most a restored config is given: readable by all (`causeway status` reads it as any user), writable by root only.</summary>
    public const UnixFileMode ConfigModeCeiling = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>A config directory `restore` has to make: as the package makes /etc/causeway.</summary>
    public const UnixFileMode ConfigDirectoryMode = ConfigModeCeiling | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>What a user who is not root is told.</summary>
    public const string NeedsRoot =
        "causeway: error: causeway restore needs root: the access PKI it writes must be root's alone (run as root: sudo causeway restore)";

    /// <param name="bundlePath">For messages only: the bundle's bytes are <paramref name="bundle"/>.</param>
    /// <param name="configPath">Where the config goes (made absolute against the working directory).</param>
    /// <param name="force">Overwrite an existing config, provider files and access PKI (never a symlink, never a directory that is not the instance's).</param>
    /// <exception cref="BackupRefusedException">Every reason not to restore; nothing was written.</exception>
    public RestorePlan Check(string bundlePath, byte[] bundle, string configPath, bool force)
    {
        if (!host.IsRoot)
        {
            throw new BackupRefusedException([NeedsRoot]);
        }

        var fullConfigPath = Path.GetFullPath(configPath);
        BackupContents contents;
        RestoreLayout layout;
        try
        {
            contents = BackupFormat.Parse(bundle);
            layout = RestorePlanner.Plan(contents, fullConfigPath, time.GetUtcNow());
        }
        catch (BackupFormatException e)
        {
            throw new BackupRefusedException([.. e.Problems.Select(p => $"{bundlePath}: error: {p}")]);
        }

        var problems = new List<string>();
        var replaced = ImmutableArray.CreateBuilder<string>();
        var stale = ImmutableArray.CreateBuilder<string>();
        var settings = layout.Settings;
        var instance = settings.Instance;
        if (InstanceLock.IsHeld(files, instance.LockFilePath))
        {
            var holder = InstanceLock.ReadHolder(files, instance.LockFilePath);
            problems.Add($"{instance.LockFilePath}: error: causeway up is running for instance \"{instance.Name}\"{(holder is { } pid ? $" (pid {pid})" : string.Empty)}: "
                + $"stop it first (causeway down -c {fullConfigPath}); restoring beneath it would change its PKI while it serves");
        }

        var accessTargets = layout.Targets.Where(t => t.File.Role == BackupRole.Access).ToList();
        var existingPki = accessTargets.Count > 0 ? CheckAccessDirectory(layout, force, problems, stale) : false;
        foreach (var target in layout.Targets)
        {
            CheckTarget(target, force, skipExisting: existingPki && target.File.Role == BackupRole.Access, problems, replaced);
        }

        var createConfigDirectory = CheckConfigDirectory(layout.ConfigDirectory, problems);
        if (problems.Count > 0)
        {
            throw new BackupRefusedException(problems);
        }

        return new RestorePlan(contents, layout, replaced.ToImmutable(), stale.ToImmutable(), createConfigDirectory);
    }

    /// <summary>Writes what <paramref name="plan"/> says, in its order. An I/O error stops it where it is (`restore --force` again finishes it).</summary>
    public void Apply(RestorePlan plan)
    {
        var layout = plan.Layout;
        var instance = layout.Settings.Instance;
        var accessTargets = layout.Targets.Where(t => t.File.Role == BackupRole.Access).ToList();
        if (accessTargets.Count > 0)
        {
            new OwnedDirectories(files).Ensure(instance.StateDirectory, PkiFileModes.Directory, instance.Name);
            using var held = files.LockExclusive(layout.Access.LockFile, AccessPki.LockWait);
            files.EnsureDirectory(layout.Access.Directory, PkiFileModes.Directory);
            foreach (var path in plan.Stale)
            {
                files.DeleteFile(path);
            }

            foreach (var target in accessTargets)
            {
                files.WriteAllTextAtomic(target.Path, target.File.Text, PkiFileModes.File);
            }
        }

        if (plan.CreateConfigDirectory)
        {
            files.EnsureDirectory(layout.ConfigDirectory, ConfigDirectoryMode);
        }

        foreach (var target in layout.Targets.Where(t => t.File.Role == BackupRole.Provider))
        {
            // The auth file and the keys a profile names must be root's alone; the profile gains nothing by more.
            files.WriteAllTextAtomic(target.Path, target.File.Text, PkiFileModes.File);
        }

        var config = layout.Targets.Single(t => t.File.Role == BackupRole.Config);
        files.WriteAllTextAtomic(config.Path, config.File.Text, config.File.Mode & ConfigModeCeiling);
    }

    /// <summary>state_dir and its access directory; true when an access PKI is already there (then replaced only with --force).</summary>
    private bool CheckAccessDirectory(RestoreLayout layout, bool force, List<string> problems, ImmutableArray<string>.Builder stale)
    {
        var instance = layout.Settings.Instance;
        if (new OwnedDirectories(files).Problem(instance.StateDirectory, instance.Name) is { } notOurs)
        {
            problems.Add($"{instance.StateDirectory}: error: {notOurs}: {OwnedDirectories.FixFor(instance.StateDirectory, instance.Name)}");
            return false;
        }

        var directory = layout.Access.Directory;
        var facts = files.StatNoFollow(directory);
        if (!facts.Exists)
        {
            return false;
        }

        if (facts.Kind != FileKind.Directory)
        {
            problems.Add($"{directory}: error: is {FileFacts.Describe(facts.Kind)}, not a directory: the access PKI goes there; move it away first");
            return false;
        }

        var existing = BackupAccessFiles.Paths(layout.Access).Where(p => files.StatNoFollow(p).Exists).ToList();
        if (existing.Count == 0)
        {
            return false;
        }

        if (!force)
        {
            problems.Add($"{directory}: error: already holds an access PKI ({string.Join(", ", existing.Select(Path.GetFileName))}): restoring would replace its CA, "
                + $"and every profile issued from it would stop working; if the backup's is to replace it, give --force; else move {directory} away first");
        }

        var restored = layout.Targets.Select(t => t.Path).ToHashSet(StringComparer.Ordinal);
        stale.AddRange(existing.Where(p => !restored.Contains(p)));
        return true;
    }

    private void CheckTarget(RestoreTarget target, bool force, bool skipExisting, List<string> problems, ImmutableArray<string>.Builder replaced)
    {
        var facts = files.StatNoFollow(target.Path);
        if (!facts.Exists)
        {
            return;
        }

        if (facts.Kind == FileKind.Symlink)
        {
            problems.Add($"{target.Path}: error: is a symlink (to {files.RealPath(target.Path)}): restore never writes through or over a link; remove it first");
        }
        else if (facts.Kind != FileKind.Regular)
        {
            problems.Add($"{target.Path}: error: is {FileFacts.Describe(facts.Kind)}, where the backup's {target.File.Name} goes: move it away first");
        }
        else if (force)
        {
            replaced.Add(target.Path);
        }
        else if (!skipExisting)
        {
            problems.Add($"{target.Path}: error: exists: restore overwrites nothing unless told to (give --force, or move it away first)");
        }
    }

    /// <summary>True when the config's directory must be made (its parent exists).</summary>
    private bool CheckConfigDirectory(string directory, List<string> problems)
    {
        var facts = files.Stat(directory);
        if (facts.IsDirectory)
        {
            return false;
        }

        if (facts.Exists)
        {
            problems.Add($"{directory}: error: is {FileFacts.Describe(facts.Kind)}, not a directory: the config goes in it; give another --config");
            return false;
        }

        if (Path.GetDirectoryName(directory) is not { } parent || !files.Stat(parent).IsDirectory)
        {
            problems.Add($"{directory}: error: does not exist, nor does its parent: create it, or give another --config");
            return false;
        }

        return true;
    }
}
