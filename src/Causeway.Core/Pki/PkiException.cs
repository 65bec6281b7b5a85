namespace Causeway.Core.Pki;

/// <summary>
/// PKI material that cannot be used: a PEM that does not parse, a key that does not match its certificate, a
/// certificate that is not a CA. The message says what is wrong and what to do next.
/// </summary>
public sealed class PkiException : Exception
{
    public PkiException(string message)
        : base(message)
    {
    }

    public PkiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
