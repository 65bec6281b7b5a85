using System.Security.Cryptography;
using System.Text;

namespace Causeway.Core.Pki;

/// <summary>
/// The pre-shared key of OpenVPN's `tls-crypt` (also the format of `tls-auth` and `secret`): 256 random bytes,
/// two directions of 64 bytes cipher + 64 bytes HMAC material each, in the "OpenVPN Static key V1" file format
/// that `openvpn --genkey tls-crypt` writes (src/openvpn/crypto.c, write_key_file). A secret: write it 0600.
/// </summary>
public sealed class TlsCryptKey
{
    /// <summary>Bytes of key material; OpenVPN stops with "Insufficient key material" on fewer.</summary>
    public const int KeyLength = 256;

    private const string Header = "-----BEGIN OpenVPN Static key V1-----";
    private const string Footer = "-----END OpenVPN Static key V1-----";
    private const int BytesPerLine = 16;
    private const string Regenerate = "generate a new one (causeway, or `openvpn --genkey tls-crypt FILE`) and give it to every peer";

    private readonly byte[] _key;

    private TlsCryptKey(byte[] key) => _key = key;

    /// <summary>The 256 bytes, e.g. to compare two keys.</summary>
    public ReadOnlySpan<byte> KeyMaterial => _key;

    /// <summary>A new key from the CSPRNG.</summary>
    public static TlsCryptKey Generate() => new(RandomNumberGenerator.GetBytes(KeyLength));

    /// <summary>A key from exactly <see cref="KeyLength"/> bytes.</summary>
    public static TlsCryptKey FromBytes(ReadOnlySpan<byte> key) =>
        key.Length == KeyLength
            ? new TlsCryptKey(key.ToArray())
            : throw new ArgumentException($"a tls-crypt key is {KeyLength} bytes, not {key.Length}", nameof(key));

    /// <summary>
    /// Reads the Static key V1 format the way OpenVPN does: text before the header is ignored (the `#` comment
    /// lines), whitespace between hex digits is ignored, and anything but exactly 256 bytes is an error. Throws
    /// <see cref="FormatException"/> saying what is wrong and how to fix it.
    /// </summary>
    public static TlsCryptKey Parse(string text)
    {
        var lines = text.Split('\n');
        var header = Array.FindIndex(lines, l => l.Trim() == Header);
        if (header < 0)
        {
            throw new FormatException(text.Contains("BEGIN OpenVPN tls-crypt-v2", StringComparison.Ordinal)
                ? $"this is a tls-crypt-v2 key, but a tls-crypt key ('{Header}') is expected: {Regenerate}"
                : string.IsNullOrWhiteSpace(text)
                    ? $"the tls-crypt key is empty: {Regenerate}"
                    : $"no '{Header}' line: this is not an OpenVPN static key; {Regenerate}");
        }

        var footer = Array.FindIndex(lines, header + 1, l => l.Trim() == Footer);
        if (footer < 0)
        {
            throw new FormatException($"no '{Footer}' line after the header: the key is cut short; {Regenerate}");
        }

        var digits = new StringBuilder(KeyLength * 2);
        for (var i = header + 1; i < footer; i++)
        {
            foreach (var c in lines[i])
            {
                if (char.IsAsciiHexDigit(c))
                {
                    digits.Append(c);
                }
                else if (!char.IsWhiteSpace(c))
                {
                    throw new FormatException(
                        $"bad hex in the tls-crypt key: '{c}' on line {i + 1} (key lines hold only the hex digits 0-9 a-f): {Regenerate}");
                }
            }
        }

        if (digits.Length % 2 == 1)
        {
            throw new FormatException($"the tls-crypt key has an odd number of hex digits ({digits.Length}): a digit is missing; {Regenerate}");
        }

        var bytes = digits.Length / 2;
        if (bytes < KeyLength)
        {
            throw new FormatException(
                $"too little key material in the tls-crypt key: {bytes} bytes where OpenVPN needs {KeyLength} (it would stop with " +
                $"'Insufficient key material'): {Regenerate}");
        }

        if (bytes > KeyLength)
        {
            throw new FormatException($"too much key material in the tls-crypt key: {bytes} bytes where {KeyLength} are expected: {Regenerate}");
        }

        return new TlsCryptKey(Convert.FromHexString(digits.ToString()));
    }

    /// <summary>Exactly what `openvpn --genkey tls-crypt` writes: three comment lines, header, 16 lines of 32 lowercase hex, footer.</summary>
    public string ToOpenVpnFormat()
    {
        var text = new StringBuilder();
        text.Append("#\n# 2048 bit OpenVPN static key\n#\n");
        text.Append(Header).Append('\n');
        for (var offset = 0; offset < KeyLength; offset += BytesPerLine)
        {
            text.Append(Convert.ToHexStringLower(_key, offset, BytesPerLine)).Append('\n');
        }

        text.Append(Footer).Append('\n');
        return text.ToString();
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => "TlsCryptKey { 256 bytes }";
}
