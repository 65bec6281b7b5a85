using System.Collections.Immutable;
using Causeway.Core.Access;
using Causeway.Core.Model;

namespace Causeway.Core.Backup;

/// <summary>Where each file of a checked bundle goes on this host (<see cref="RestorePlanner.Plan"/>).</summary>
/// <param name="Settings">The bundle's config, loaded at the path it is restored to.</param>
/// <param name="Access">The access directory of the restored config.</param>
/// <param name="Targets">Every file to write, in order: the access files (keys first), the provider's, the config last.</param>
/// <param name="NotInBundle">Files the config names that the bundle does not hold: what to put in place before `up`.</param>
public sealed record RestoreLayout(
    CausewaySettings Settings,
    AccessPaths Access,
    ImmutableArray<RestoreTarget> Targets,
    ImmutableArray<string> NotInBundle)
{
    public string ConfigPath => Settings.ConfigPath;

    /// <summary>The config's own directory, where the provider's files go.</summary>
    public string ConfigDirectory => Path.GetDirectoryName(Settings.ConfigPath) ?? "/";
}
