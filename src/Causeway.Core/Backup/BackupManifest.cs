using System.Collections.Immutable;

namespace Causeway.Core.Backup;

/// <summary>
/// The backup file as JSON (<see cref="BackupJsonContext"/>): a format name and version, then every file with its
/// role, name, mode, size, SHA-256 and base64 content. Read only through <see cref="BackupFormat.Parse"/>, which
/// checks all of it before anything is believed.
/// </summary>
public sealed record BackupManifest(
    string Format,
    int Version,
    DateTimeOffset Created,
    string MadeBy,
    string Instance,
    string ConfigPath,
    ImmutableArray<BackupManifestFile> Files);
