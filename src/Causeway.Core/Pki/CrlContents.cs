using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;

namespace Causeway.Core.Pki;

/// <summary>
/// What a CRL says: who issued it, when, until when, its number and the revoked serials. Read straight from the
/// DER (RFC 5280 section 5.1) because .NET can build CRLs but not list their entries.
/// </summary>
/// <param name="Issuer">The issuer name as .NET prints it, e.g. "CN=Causeway Duo CA".</param>
/// <param name="NextUpdate">Null if absent (OpenVPN/OpenSSL then never consider it expired).</param>
/// <param name="CrlNumber">The cRLNumber extension; null if absent.</param>
public sealed record CrlContents(
    string Issuer,
    DateTimeOffset ThisUpdate,
    DateTimeOffset? NextUpdate,
    BigInteger? CrlNumber,
    IReadOnlyList<RevokedEntry> Revoked)
{
    private const string CrlNumberOid = "2.5.29.20";
    private const string ReasonCodeOid = "2.5.29.21";

    /// <summary>The DER of the whole CRL, for checking its signature.</summary>
    internal ReadOnlyMemory<byte> Der { get; private init; }

    internal X500DistinguishedName IssuerName { get; private init; } = new("");

    /// <summary>Parses the first "-----BEGIN X509 CRL-----" block; throws <see cref="PkiException"/> if it does not parse.</summary>
    public static CrlContents Parse(string pem)
    {
        var der = PkiPem.ReadBlock(pem, PkiPem.CrlLabel, "a certificate revocation list");
        try
        {
            return Read(der);
        }
        catch (Exception e) when (e is AsnContentException or System.Security.Cryptography.CryptographicException)
        {
            throw new PkiException($"the CRL does not parse ({e.Message}): the file is damaged or not an X.509 CRL", e);
        }
    }

    public bool IsRevoked(string serialNumberHex)
    {
        var serial = SerialNumbers.Normalize(serialNumberHex);
        return Revoked.Any(r => r.SerialNumberHex == serial);
    }

    private static CrlContents Read(byte[] der)
    {
        var certificateList = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = certificateList.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger(); // version v2
        }

        tbs.ReadSequence(); // signature algorithm; the outer one is what gets checked
        var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = null;
        if (tbs.HasData && IsTime(tbs.PeekTag()))
        {
            nextUpdate = ReadTime(tbs);
        }

        var revoked = new List<RevokedEntry>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                revoked.Add(ReadEntry(entries.ReadSequence()));
            }
        }

        BigInteger? crlNumber = null;
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            var extensions = tbs.ReadSequence(extensionsTag).ReadSequence();
            while (extensions.HasData)
            {
                var (oid, value) = ReadExtension(extensions.ReadSequence());
                if (oid == CrlNumberOid)
                {
                    crlNumber = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
                }
            }
        }

        return new CrlContents(issuer.Name, thisUpdate, nextUpdate, crlNumber, revoked)
        {
            Der = der,
            IssuerName = issuer,
        };
    }

    private static RevokedEntry ReadEntry(AsnReader entry)
    {
        var serial = Convert.ToHexString(entry.ReadIntegerBytes().Span);
        var revokedAt = ReadTime(entry);
        X509RevocationReason? reason = null;
        if (entry.HasData)
        {
            var extensions = entry.ReadSequence();
            while (extensions.HasData)
            {
                var (oid, value) = ReadExtension(extensions.ReadSequence());
                if (oid == ReasonCodeOid)
                {
                    reason = new AsnReader(value, AsnEncodingRules.DER).ReadEnumeratedValue<X509RevocationReason>();
                }
            }
        }

        return new RevokedEntry(serial, revokedAt, reason);
    }

    private static (string Oid, byte[] Value) ReadExtension(AsnReader extension)
    {
        var oid = extension.ReadObjectIdentifier();
        if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
        {
            extension.ReadBoolean();
        }

        return (oid, extension.ReadOctetString());
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
