using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Causeway.Core.Model;
using Causeway.Core.Pki;

namespace Causeway.Core.Profiles;

/// <summary>
/// The certificates Causeway hands to OpenVPN (ca, cert, extra-certs), judged as OpenSSL 3 will judge them at the
/// security level the profile leaves in force. Without this, a provider's SHA-1-signed certificate passes `plan`,
/// and `up` then restarts OpenVPN forever on "ca md too weak" / "Cannot load inline certificate file".
/// What OpenSSL checks, and where:
/// <list type="bullet">
/// <item><c>cert</c>: when OpenVPN loads it (SSL_CTX_use_certificate), its key and, unless it is self-signed, its
/// signature: OpenVPN stops at start.</item>
/// <item><c>ca</c> and <c>extra-certs</c>: in every handshake, the keys of all certificates of a chain and the
/// signatures of all but its self-signed root (whose own signature nobody relies on): the handshake fails.</item>
/// </list>
/// Material that does not parse is left alone here (the content check and OpenVPN speak for it).
/// </summary>
internal static partial class CertificateStrengthCheck
{
    private static readonly string[] CertificateLabels = ["CERTIFICATE", "X509 CERTIFICATE"];

    /// <summary>The security level in force and where it comes from (null: OpenVPN's default).</summary>
    internal sealed record Level(int Value, OvpnDirective? Source, bool FromCipherString);

    /// <summary>
    /// The level OpenVPN 2.6 sets: tls-cert-profile (legacy, its default, is 1; insecure 0; preferred 2; suiteb 3),
    /// then tls-cipher, whose "@SECLEVEL=n" wins because OpenVPN applies it after the profile (so that it rules the
    /// loading of certificates). The last of each option counts, as in OpenVPN.
    /// </summary>
    public static Level InForce(IEnumerable<OvpnDirective> kept)
    {
        var level = new Level(OpenSslSecurityLevel.OpenVpnDefault, null, false);
        var list = kept.ToList();
        if (list.LastOrDefault(d => d.Name == "tls-cert-profile") is { Arguments: [var profile] } certProfile)
        {
            level = new Level(profile switch { "insecure" => 0, "preferred" => 2, "suiteb" => 3, _ => 1 }, certProfile, false);
        }

        if (list.LastOrDefault(d => d.Name == "tls-cipher") is { Arguments: [var ciphers] } cipher
            && SecurityLevelRule().Matches(ciphers) is { Count: > 0 } rules)
        {
            level = new Level(rules[^1].Groups[1].Value[0] - '0', cipher, true);
        }

        return level;
    }

    /// <summary>A finding for every certificate OpenSSL would refuse at <paramref name="level"/>.</summary>
    public static ImmutableArray<ProfileDiagnostic> Check(string profilePath, IEnumerable<ProfileInlineBlock> blocks, Level level)
    {
        var findings = ImmutableArray.CreateBuilder<ProfileDiagnostic>();
        var minimum = OpenSslSecurityLevel.MinimumBits(level.Value);
        if (minimum == 0)
        {
            return findings.ToImmutable();
        }

        foreach (var block in blocks.Where(b => b.Name is "ca" or "cert" or "extra-certs"))
        {
            var certificates = Read(block.Content);
            try
            {
                var problems = certificates.Select(c => Problems(c, block.Name, minimum)).ToList();

                // A bundle of roots of which some are fine: the server may well chain to one of those.
                var someRootIsFine = block.Name == "ca"
                    && certificates.Where((c, i) => problems[i].Count == 0 && OpenSslSecurityLevel.IsSelfSigned(c)).Any();
                for (var i = 0; i < certificates.Count; i++)
                {
                    if (problems[i].Count == 0)
                    {
                        continue;
                    }

                    var onlyAWeakRoot = block.Name == "ca" && OpenSslSecurityLevel.IsSelfSigned(certificates[i]) && someRootIsFine;
                    findings.Add(Finding(profilePath, block, certificates, i, problems[i], level, onlyAWeakRoot));
                }
            }
            finally
            {
                certificates.ForEach(c => c.Dispose());
            }
        }

        return findings.ToImmutable();
    }

    private static List<string> Problems(X509Certificate2 certificate, string role, int minimum)
    {
        var problems = new List<string>();
        if (OpenSslSecurityLevel.KeyStrength(certificate) is { } key && key.Bits < minimum)
        {
            problems.Add($"has {key.Description} ({(key.Bits == 0 ? "no" : $"{key.Bits}")} bits of security to OpenSSL; {minimum} needed: \"{(role == "cert" ? "ee" : "ca")} key too small\")");
        }

        if (!OpenSslSecurityLevel.IsSelfSigned(certificate) && OpenSslSecurityLevel.SignatureStrength(certificate) is { } signature && signature.Bits < minimum)
        {
            problems.Add($"is signed with {signature.Digest} (\"ca md too weak\": OpenSSL 3 counts {signature.Bits} bits of security; {minimum} needed)");
        }

        return problems;
    }

    private static ProfileDiagnostic Finding(
        string profilePath,
        ProfileInlineBlock block,
        List<X509Certificate2> certificates,
        int index,
        List<string> problems,
        Level level,
        bool onlyAWeakRoot)
    {
        var from = block.SourceFile is { } file ? ProfileDiagnostic.Excerpt(file, 100) : $"the <{block.Name}> block";
        var which = certificates.Count == 1 ? "certificate" : $"certificate {index + 1} of {certificates.Count}";
        var subject = ProfileDiagnostic.Excerpt(certificates[index].Subject);
        var levelText = level.Source is { } source
            ? $"security level {level.Value} (set by {source.Name} at line {source.Line})"
            : $"security level {level.Value} (OpenVPN's default, tls-cert-profile legacy)";
        var consequence = block.Name switch
        {
            "cert" => "OpenVPN would stop at start with \"Cannot load certificate\"",
            "extra-certs" => "every TLS handshake would fail",
            _ when onlyAWeakRoot => "a server whose chain ends there would fail the TLS handshake (the other CA certificates here are fine)",
            _ => "the TLS handshake with the server would fail, and OpenVPN would retry forever",
        };
        var message = $"{from}: {which} '{subject}' {string.Join(" and ", problems)}: OpenSSL 3 refuses it at {levelText}, so {consequence}";

        var relax = level switch
        {
            { Source: { } cipher, FromCipherString: true } =>
                $"change @SECLEVEL={level.Value} to @SECLEVEL=0 in tls-cipher at line {cipher.Line} (it overrides tls-cert-profile)",
            { Source: { } profile } => $"change line {profile.Line} to 'tls-cert-profile insecure'",
            _ => "add the line 'tls-cert-profile insecure' to the profile",
        };
        var fix = $"ask the provider for a current profile; or, if you trust this certificate anyway, {relax}, which lets OpenSSL accept weak signatures and keys";
        return new ProfileDiagnostic(
            onlyAWeakRoot ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
            profilePath,
            block.Line,
            block.Name,
            ProfileDiagnostic.Printable(message),
            fix);
    }

    /// <summary>The certificates in PEM text that parse; the rest are not this check's business.</summary>
    private static List<X509Certificate2> Read(string pem)
    {
        var certificates = new List<X509Certificate2>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var base64 = rest[fields.Base64Data];
            rest = rest[fields.Location.End..];
            if (!CertificateLabels.Contains(label, StringComparer.Ordinal))
            {
                continue;
            }

            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(base64, der, out var written) || written != der.Length)
            {
                continue;
            }

            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (CryptographicException)
            {
                // Not a certificate OpenSSL could load either; MaterialContentCheck and OpenVPN have their say.
            }
        }

        return certificates;
    }

    // OpenSSL reads one digit after "@SECLEVEL=" (ssl_cipher_process_rulestr).
    [GeneratedRegex("@SECLEVEL=([0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex SecurityLevelRule();
}
