using System.Security.Cryptography;

namespace Causeway.Core.Pki;

/// <summary>Certificate serial numbers: random ones for issuing, and one canonical hex spelling for comparing.</summary>
internal static class SerialNumbers
{
    /// <summary>
    /// 16 random bytes with the high bit clear (a positive INTEGER) and a non-zero first byte (DER keeps all 16),
    /// so a serial is always 16 octets: unpredictable (CA/B asks for 64 bits of entropy; this has ~127) and far
    /// below RFC 5280's 20-octet limit.
    /// </summary>
    internal static byte[] NewRandom()
    {
        var serial = new byte[16];
        do
        {
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7F;
        }
        while (serial[0] == 0);

        return serial;
    }

    /// <summary>Uppercase hex of the minimal positive DER INTEGER: what X509Certificate2.SerialNumber prints.</summary>
    internal static string Normalize(string serialNumberHex)
    {
        var digits = new string(serialNumberHex.Where(c => c != ':' && !char.IsWhiteSpace(c)).ToArray());
        if (digits.Length == 0 || digits.Any(c => !char.IsAsciiHexDigit(c)))
        {
            throw new ArgumentException(
                $"'{serialNumberHex}' is not a certificate serial number in hex (e.g. 3A1F...; openssl x509 -noout -serial prints it)",
                nameof(serialNumberHex));
        }

        if (digits.Length % 2 == 1)
        {
            digits = "0" + digits;
        }

        return Convert.ToHexString(ToDerContent(Convert.FromHexString(digits)));
    }

    /// <summary>The bytes of a positive DER INTEGER: no redundant leading zeros, one zero if the high bit is set.</summary>
    internal static byte[] ToDerContent(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var start = 0;
        while (start < unsignedBigEndian.Length - 1 && unsignedBigEndian[start] == 0)
        {
            start++;
        }

        var significant = unsignedBigEndian[start..];
        return significant[0] >= 0x80 ? [0, .. significant] : significant.ToArray();
    }
}
