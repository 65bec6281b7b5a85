namespace Causeway.Core.Backup;

/// <summary>One file in <see cref="BackupManifest"/>, as written.</summary>
/// <param name="Role">"config", "access" or "provider" (<see cref="BackupRole"/>).</param>
/// <param name="Name">A plain file name; never a path.</param>
/// <param name="Mode">Octal, e.g. "0600".</param>
/// <param name="Size">Bytes of the decoded content.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the decoded content.</param>
/// <param name="Content">Base64 of the file's bytes.</param>
public sealed record BackupManifestFile(string Role, string Name, string Mode, long Size, string Sha256, string Content)
{
    /// <summary>Never prints the content: it may be a private key.</summary>
    public override string ToString() => $"BackupManifestFile {{ Role = {Role}, Name = {Name} }}";
}
