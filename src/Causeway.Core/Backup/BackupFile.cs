using System.Security.Cryptography;
using System.Text;

namespace Causeway.Core.Backup;

/// <summary>One file of a backup, checked: its role, its plain file name, its mode when backed up, and its text.</summary>
/// <param name="Name">A plain file name (no '/', no '..'): where it goes is the role's business (<see cref="BackupRole"/>).</param>
/// <param name="Mode">Its mode on the host it came from; `restore` never grants more than 0644, and writes secrets 0600.</param>
/// <param name="Text">
/// Its content. Every file Causeway backs up is UTF-8 text (PEM, JSON, TOML, OpenVPN's config), and the file seam
/// writes text: a byte order mark, if any, is a character of it and comes back as it was.
/// </param>
public sealed record BackupFile(BackupRole Role, string Name, UnixFileMode Mode, string Text)
{
    /// <summary>UTF-8, no byte order mark added, invalid bytes refused rather than replaced.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public byte[] Bytes => Utf8.GetBytes(Text);

    /// <summary>Lowercase hex SHA-256 of <see cref="Bytes"/>, as the bundle records it.</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes));

    /// <summary>Never prints the text: it may be a private key.</summary>
    public override string ToString() => $"BackupFile {{ Role = {Role}, Name = {Name} }}";
}
