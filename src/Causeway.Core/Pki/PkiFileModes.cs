namespace Causeway.Core.Pki;

/// <summary>
/// The modes PKI files are written with. Private keys and the tls-crypt key are secrets; certificates and the CRL
/// are not, but one rule for the whole directory is simpler to check (Preflight) and to get right.
/// </summary>
public static class PkiFileModes
{
    /// <summary>0600: every file in a PKI directory.</summary>
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0700: the directory that holds them.</summary>
    public const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
}
