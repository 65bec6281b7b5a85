namespace Causeway.Core.Profiles;

/// <summary>
/// Checks that key material is what its option expects, before it is written into a config: a profile saying
/// <c>ca /etc/shadow</c> gets an error, not a copy of /etc/shadow in a file OpenVPN reads.
/// </summary>
internal static class MaterialContentCheck
{
    private const string Certificate = "-----BEGIN CERTIFICATE-----";
    private const string StaticKey = "-----BEGIN OpenVPN Static key V1-----";
    private const string StaticKeyEnd = "-----END OpenVPN Static key V1-----";
    private const string TlsCryptV2ClientKey = "-----BEGIN OpenVPN tls-crypt-v2 client key-----";
    private const string TlsCryptV2ServerKey = "-----BEGIN OpenVPN tls-crypt-v2 server key-----";
    private const string Crl = "-----BEGIN X509 CRL-----";
    private const string DecryptHint = "decrypt it once with 'openssl pkey -in key.pem -out key-plain.pem' and use that file";

    /// <summary>What is wrong with <paramref name="content"/> as the material of <paramref name="name"/>, or null.</summary>
    public static string? Problem(string name, string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return "is empty";
        }

        return name switch
        {
            "ca" or "extra-certs" or "cert" => Has(content, Certificate) ? null : "holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            "key" => KeyProblem(content),
            "tls-auth" or "tls-crypt" => Has(content, StaticKey) && Has(content, StaticKeyEnd)
                ? null
                : "holds no OpenVPN static key (-----BEGIN OpenVPN Static key V1-----)",
            "tls-crypt-v2" => Has(content, TlsCryptV2ClientKey)
                ? null
                : Has(content, TlsCryptV2ServerKey)
                    ? "holds the tls-crypt-v2 SERVER key; a client needs its own client key"
                    : "holds no tls-crypt-v2 client key (-----BEGIN OpenVPN tls-crypt-v2 client key-----)",
            "crl-verify" => Has(content, Crl) ? null : "holds no PEM certificate revocation list (-----BEGIN X509 CRL-----)",
            "pkcs12" => content.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' || OpenVpnLineTokenizer.IsSpace(c))
                ? null
                : "is not base64 (an inline PKCS#12 bundle must be base64-encoded)",
            "peer-fingerprint" => content.Split('\n').Select(l => l.Trim()).All(l => l.Length == 0 || ArgumentChecks.IsSha256Fingerprint(l))
                ? null
                : "holds something other than SHA-256 fingerprints (32 hex bytes separated by colons, one per line)",
            _ => null,
        };
    }

    private static string? KeyProblem(string content)
    {
        var begin = content.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        var isKey = begin >= 0 && content.IndexOf("PRIVATE KEY-----", begin, StringComparison.Ordinal) > begin;
        if (!isKey)
        {
            return "holds no PEM private key (-----BEGIN PRIVATE KEY-----)";
        }

        // OpenVPN would ask for the passphrase on a terminal it does not have.
        return Has(content, "-----BEGIN ENCRYPTED PRIVATE KEY-----") || Has(content, "Proc-Type: 4,ENCRYPTED")
            ? $"holds a passphrase-protected private key, whose passphrase nobody can type when Causeway starts OpenVPN ({DecryptHint})"
            : null;
    }

    private static bool Has(string content, string marker) => content.Contains(marker, StringComparison.Ordinal);
}
