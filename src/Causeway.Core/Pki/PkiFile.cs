namespace Causeway.Core.Pki;

/// <summary>A PKI file's path (for messages only: the validator does no I/O) and its text.</summary>
public sealed record PkiFile(string Path, string Text)
{
    /// <summary>Never prints the text: it may be a private key.</summary>
    public override string ToString() => $"PkiFile {{ Path = {Path} }}";
}
