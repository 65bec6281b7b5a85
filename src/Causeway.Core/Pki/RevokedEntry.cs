using System.Security.Cryptography.X509Certificates;

namespace Causeway.Core.Pki;

/// <summary>One revoked certificate in a CRL.</summary>
public sealed record RevokedEntry
{
    /// <param name="serialNumberHex">
    /// The serial in hex, in any of the usual spellings: <see cref="IssuedCertificate.SerialNumberHex"/>,
    /// `openssl x509 -serial` (no leading 00), lowercase, with colons. It is normalized to the canonical form
    /// (uppercase, minimal positive DER), so entries compare equal however they were written.
    /// </param>
    /// <param name="revokedAt">When it was revoked (the CRL's revocationDate).</param>
    /// <param name="reason">The CRL entry's reason code; none by default.</param>
    public RevokedEntry(string serialNumberHex, DateTimeOffset revokedAt, X509RevocationReason? reason = null)
    {
        SerialNumberHex = SerialNumbers.Normalize(serialNumberHex);
        RevokedAt = revokedAt;
        Reason = reason;
    }

    /// <summary>Canonical uppercase hex of the DER serial (the same as <see cref="IssuedCertificate.SerialNumberHex"/>).</summary>
    public string SerialNumberHex { get; }

    public DateTimeOffset RevokedAt { get; }

    public X509RevocationReason? Reason { get; }
}
