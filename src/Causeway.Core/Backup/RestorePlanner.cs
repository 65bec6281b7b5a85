using Causeway.Core.Access;
using Causeway.Core.Config;

namespace Causeway.Core.Backup;

/// <summary>
/// Decides, without touching the host, where each file of a checked bundle goes, and whether the bundle is whole:
/// its config must load at the path it is restored to (so its state_dir, and the files it names, are what the
/// restored host will use), its provider files must be ones that config names beside itself (egress.profile,
/// egress.auth, the files the profile names), and its access files must be a sound PKI (<see cref="BackupPkiCheck"/>).
/// Pure: `causeway backup` runs it too, on what it is about to write, so that a backup that would not restore is
/// never written.
/// </summary>
public static class RestorePlanner
{
    /// <param name="configPath">Where the config is restored to: an absolute path (the directory of the provider files).</param>
    /// <param name="now">For the certificates' validity.</param>
    /// <exception cref="BackupFormatException">The bundle is not whole, or does not fit its own config: every problem.</exception>
    public static RestoreLayout Plan(BackupContents contents, string configPath, DateTimeOffset now)
    {
        var problems = new List<BackupProblem>();
        var loaded = ConfigLoader.Load(contents.Config.Text, configPath);
        if (loaded.Settings is not { } settings)
        {
            foreach (var error in loaded.Diagnostics.Where(d => d.IsError))
            {
                problems.Add(new BackupProblem("config", $"the config in the bundle, placed at {configPath}, does not load: {error}"));
            }

            problems.AddRange(BackupPkiCheck.Problems(contents.Access, now));
            throw new BackupFormatException(problems);
        }

        var configDirectory = Path.GetDirectoryName(configPath) ?? "/";
        var named = NamedFiles(contents, settings.Egress, configDirectory, out var profileInBundle);
        var targets = new List<RestoreTarget>();
        var access = AccessPaths.For(settings.Instance);
        foreach (var name in BackupAccessFiles.Names)
        {
            if (contents.Access.FirstOrDefault(f => f.Name == name) is { } file)
            {
                targets.Add(new RestoreTarget(file, Path.Combine(access.Directory, name)));
            }
        }

        foreach (var file in contents.Provider)
        {
            var path = Path.Combine(configDirectory, file.Name);
            if (path == configPath)
            {
                problems.Add(new BackupProblem($"provider {BackupNames.Shown(file.Name)}", $"has the name of the config itself ({configPath}): refused"));
            }
            else if (!named.ContainsKey(path))
            {
                problems.Add(new BackupProblem($"provider {BackupNames.Shown(file.Name)}",
                    $"the config does not name {path}: only its egress.profile and egress.auth, and the files its profile names, are restored beside it; refused"));
            }
            else
            {
                targets.Add(new RestoreTarget(file, path));
            }
        }

        problems.AddRange(BackupPkiCheck.Problems(contents.Access, now));
        if (problems.Count > 0)
        {
            throw new BackupFormatException(problems);
        }

        targets.Add(new RestoreTarget(contents.Config, configPath));
        var restored = targets.Select(t => t.Path).ToHashSet(StringComparer.Ordinal);
        var notInBundle = named.Where(n => !restored.Contains(n.Key)).Select(n => $"{n.Value}: {n.Key}").ToList();
        if (settings.Egress.ProfilePath is not null && !profileInBundle)
        {
            notInBundle.Add("and the files the profile names, if any (the profile is not in the bundle, so they are unknown here)");
        }

        return new RestoreLayout(settings, access, [.. targets], [.. notInBundle]);
    }

    /// <summary>The provider files the config names, by full path, each with what names it.</summary>
    private static Dictionary<string, string> NamedFiles(BackupContents contents, Model.EgressSettings egress, string configDirectory, out bool profileInBundle)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        profileInBundle = false;
        if (egress.ProfilePath is { } profilePath)
        {
            named[Path.GetFullPath(profilePath)] = ConfigKeys.EgressProfile;
            var profile = contents.Provider.FirstOrDefault(f => Path.Combine(configDirectory, f.Name) == Path.GetFullPath(profilePath));
            if (profile is not null)
            {
                profileInBundle = true;
                foreach (var path in ProfileReferences.Of(profile.Text, Path.GetFullPath(profilePath)))
                {
                    named.TryAdd(path, "a file the profile names");
                }
            }
        }

        if (egress.AuthPath is { } authPath)
        {
            named[Path.GetFullPath(authPath)] = ConfigKeys.EgressAuth;
        }

        return named;
    }
}
