using System.Collections.Immutable;
using Causeway.Core.Backup;

namespace Causeway.Engine.Backup;

/// <summary>What <see cref="BackupRestorer.Check"/> found may be done; <see cref="BackupRestorer.Apply"/> does exactly this.</summary>
/// <param name="Layout">Where each file goes.</param>
/// <param name="Replaced">Files that exist and are overwritten (only with --force).</param>
/// <param name="Stale">Files of the access directory the bundle has none of, deleted so that the PKI is the bundle's alone (only with --force).</param>
/// <param name="CreateConfigDirectory">The config's directory is missing and is made (its parent exists).</param>
public sealed record RestorePlan(
    BackupContents Contents,
    RestoreLayout Layout,
    ImmutableArray<string> Replaced,
    ImmutableArray<string> Stale,
    bool CreateConfigDirectory);
