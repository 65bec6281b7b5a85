namespace Causeway.Core.Backup;

/// <summary>A file of the bundle and the path `restore` writes it to, chosen by its role, never by the bundle.</summary>
public sealed record RestoreTarget(BackupFile File, string Path);
