using Causeway.Core.Pki;

namespace Causeway.Integration.Tests.Pki;

/// <summary>
/// A 0700 temporary directory holding PKI files written the way Causeway writes them (0600), deleted on dispose.
/// </summary>
public sealed class PkiWorkspace : IDisposable
{
    private readonly TempDirectory _directory = new();

    public PkiWorkspace() => File.SetUnixFileMode(_directory.Path, PkiFileModes.Directory);

    public string DirectoryPath => _directory.Path;

    /// <summary>Writes the file with mode 0600 from the start (never readable by others, not even briefly) and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = _directory.File(name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PkiFileModes.File };
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        return path;
    }

    /// <summary>Writes a certificate and its key as NAME.crt and NAME.key.</summary>
    public (string Certificate, string Key) Write(string name, IssuedCertificate issued) =>
        (Write(name + ".crt", issued.CertificatePem), Write(name + ".key", issued.PrivateKeyPem));

    public void Dispose() => _directory.Dispose();
}
