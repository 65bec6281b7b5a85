using System.Collections.Immutable;
using System.Text;
using Causeway.Core.Access;
using Causeway.Core.Backup;
using Causeway.Core.Config;
using Causeway.Engine.Access;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Backup;

/// <summary>
/// `causeway backup`: collects, through the file seam, what a new host needs to take this one's place: the config,
/// the access PKI and client registry (read under the PKI's lock, so that a revocation in between cannot leave a
/// CRL and a registry that disagree), and the provider's files the config names beside itself. Before it returns,
/// the bundle is read back and planned as `restore` would (<see cref="RestorePlanner"/>): a backup that would not
/// restore is refused, not written.
/// </summary>
public sealed class BackupMaker(IFileSystem files, IHostIdentity host, TimeProvider time)
{
    public static readonly PreflightOptions Preflight = new("backup", RequireRoot: false, CheckEgressFiles: false, CheckOverlayInterface: false);

    /// <param name="includeProviderFiles">The provider's profile, auth file and the files the profile names (default); false leaves them out.</param>
    /// <param name="madeBy">e.g. "causeway 1.0.0", recorded for people.</param>
    /// <exception cref="BackupRefusedException">The config does not load, a file cannot be read, or the result would not restore.</exception>
    public BackupMade Make(string configPath, bool includeProviderFiles, string madeBy)
    {
        if (!host.IsRoot)
        {
            throw new BackupRefusedException([
                $"{ConfigReader.ProcessSubject}: error: causeway backup needs root: the access CA's key and the provider's auth file are root's only (run as root: sudo causeway backup)"]);
        }

        var read = new ConfigReader(files, host).Read(configPath, Preflight);
        if (read.Settings is not { } settings)
        {
            throw new BackupRefusedException([.. read.Diagnostics.Where(d => d.IsError).Select(d => d.ToString())]);
        }

        var fullConfigPath = settings.ConfigPath;
        var config = ReadFile(BackupRole.Config, fullConfigPath, BackupLimits.ConfigMaxBytes)
            ?? throw new BackupRefusedException([$"{fullConfigPath}: error: is not UTF-8 text: save it as UTF-8"]);
        var access = ReadAccess(AccessPaths.For(settings.Instance));
        var leftOut = ImmutableArray.CreateBuilder<string>();
        var provider = ReadProvider(settings.Egress, Path.GetDirectoryName(fullConfigPath) ?? "/", includeProviderFiles, leftOut);

        var contents = new BackupContents(time.GetUtcNow(), madeBy, settings.Instance.Name, fullConfigPath, config, access, provider);
        var text = BackupFormat.Serialize(contents);
        try
        {
            // What restore will do with it, here and now: read back, then planned at the same path.
            RestorePlanner.Plan(BackupFormat.Parse(Encoding.UTF8.GetBytes(text)), fullConfigPath, time.GetUtcNow());
        }
        catch (BackupFormatException e)
        {
            throw new BackupRefusedException([.. e.Problems.Select(p => $"{fullConfigPath}: error: the backup would not restore: {p}")]);
        }

        return new BackupMade(contents, text, leftOut.ToImmutable());
    }

    private ImmutableArray<BackupFile> ReadAccess(AccessPaths paths)
    {
        if (!files.Stat(paths.Directory).IsDirectory)
        {
            // No [access], or its PKI not made yet: nothing of it to keep.
            return [];
        }

        using var held = files.LockExclusive(paths.LockFile, AccessPki.LockWait);
        var access = ImmutableArray.CreateBuilder<BackupFile>();
        foreach (var path in BackupAccessFiles.Paths(paths))
        {
            if (!files.Stat(path).Exists)
            {
                continue;
            }

            access.Add(ReadFile(BackupRole.Access, path, BackupLimits.AccessFileMaxBytes)
                ?? throw new BackupRefusedException([$"{path}: error: is not UTF-8 text, so not a file Causeway wrote: restore it from an older backup, or move it away"]));
        }

        return access.ToImmutable();
    }

    private ImmutableArray<BackupFile> ReadProvider(Core.Model.EgressSettings egress, string configDirectory, bool include, ImmutableArray<string>.Builder leftOut)
    {
        var named = new List<(string Path, string What)>();
        if (egress.ProfilePath is { } profile)
        {
            named.Add((Path.GetFullPath(profile), ConfigKeys.EgressProfile));
        }

        if (egress.AuthPath is { } auth)
        {
            named.Add((Path.GetFullPath(auth), ConfigKeys.EgressAuth));
        }

        if (!include)
        {
            leftOut.AddRange(named.Select(n => $"{n.What}: {n.Path} (--no-provider-files), and any files the profile names"));
            return [];
        }

        var provider = ImmutableArray.CreateBuilder<BackupFile>();
        for (var i = 0; i < named.Count; i++)
        {
            var (path, what) = named[i];
            if (Path.GetDirectoryName(path) != configDirectory)
            {
                leftOut.Add($"{what}: {path} is not in the config's directory ({configDirectory}), where restore puts the provider's files: copy it to the new host yourself");
                continue;
            }

            if (!files.Stat(path).Exists)
            {
                leftOut.Add($"{what}: {path} does not exist");
                continue;
            }

            if (ReadFile(BackupRole.Provider, path, BackupLimits.ProviderFileMaxBytes) is not { } file)
            {
                leftOut.Add($"{what}: {path} is not UTF-8 text, which the bundle carries: copy it to the new host yourself");
                continue;
            }

            provider.Add(file);
            if (what == ConfigKeys.EgressProfile)
            {
                foreach (var referenced in ProfileReferences.Of(file.Text, path).Where(r => !named.Any(n => n.Path == r)))
                {
                    named.Add((referenced, "a file the profile names"));
                }
            }
        }

        return provider.ToImmutable();
    }

    /// <summary>The file as the bundle carries it; null when it is not UTF-8 text.</summary>
    /// <exception cref="BackupRefusedException">It cannot be read (not a regular file, too large, an I/O error).</exception>
    private BackupFile? ReadFile(BackupRole role, string path, long maxBytes)
    {
        try
        {
            var bytes = files.ReadInputFile(path, maxBytes);
            var mode = files.Stat(path).Mode;
            return new BackupFile(role, Path.GetFileName(path), mode, BackupFile.Utf8.GetString(bytes));
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupRefusedException([$"{path}: error: cannot be read for the backup: {e.Message}"]);
        }
    }
}
