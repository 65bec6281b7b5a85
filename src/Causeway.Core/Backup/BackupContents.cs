using System.Collections.Immutable;

namespace Causeway.Core.Backup;

/// <summary>
/// What a backup holds, checked (<see cref="BackupFormat.Parse"/>) or about to be written
/// (<see cref="BackupFormat.Serialize"/>): the config, the access PKI and client registry, and the provider's files.
/// </summary>
/// <param name="Created">When the backup was made.</param>
/// <param name="MadeBy">The causeway that made it, e.g. "causeway 1.0.0": for people, never acted on.</param>
/// <param name="Instance">The instance name in the config: for people, never acted on.</param>
/// <param name="ConfigPath">Where the config was on the host backed up: for people, never where it is restored.</param>
/// <param name="Access">Empty on a host without [access] (or before its PKI was first made).</param>
/// <param name="Provider">Empty with an overlay gateway, with --no-provider-files, or when they live elsewhere.</param>
public sealed record BackupContents(
    DateTimeOffset Created,
    string MadeBy,
    string Instance,
    string ConfigPath,
    BackupFile Config,
    ImmutableArray<BackupFile> Access,
    ImmutableArray<BackupFile> Provider)
{
    /// <summary>Every file, the config first.</summary>
    public IEnumerable<BackupFile> Files => [Config, .. Access, .. Provider];
}
