using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Model;
using Causeway.Core.Profiles;
using Causeway.Core.Tests.Pki;
using Xunit;

namespace Causeway.Core.Tests.Profiles;

/// <summary>
/// `plan` says which certificate OpenSSL 3 would refuse, why, and the fix, instead of `up` looping on "ca md too
/// weak" (VPNBook's and FrootVPN's files, and 27 more shapes, did). Certificates made in the test.
/// </summary>
public sealed class CertificateStrengthTests : IDisposable
{
    private const string ProfilePath = "/etc/causeway/provider.ovpn";

    private readonly X509Certificate2 _root = WeakPki.Root("Example Provider CA");
    private readonly List<X509Certificate2> _made = [];

    public void Dispose()
    {
        _root.Dispose();
        _made.ForEach(c => c.Dispose());
    }

    [Fact]
    public void A_client_certificate_signed_with_sha1_is_an_error_naming_it_with_the_fix()
    {
        var client = Made(WeakPki.Issued(_root, "vpnbook-client", "SHA1"));

        var error = Assert.Single(Findings(WithClient(client)));

        Assert.Equal((DiagnosticSeverity.Error, "cert"), (error.Severity, error.Directive));
        Assert.Equal(
            "the <cert> block: certificate 'CN=vpnbook-client' is signed with SHA-1 (\"ca md too weak\": OpenSSL 3 counts 63 bits of security; 80 needed): " +
            "OpenSSL 3 refuses it at security level 1 (OpenVPN's default, tls-cert-profile legacy), so OpenVPN would stop at start with \"Cannot load certificate\"",
            error.Message);
        Assert.Equal(
            "ask the provider for a current profile; or, if you trust this certificate anyway, add the line 'tls-cert-profile insecure' to the profile, which lets OpenSSL accept weak signatures and keys",
            error.Fix);
    }

    [Theory]
    [InlineData("tls-cert-profile insecure")]
    [InlineData("tls-cipher DEFAULT:@SECLEVEL=0")]
    [InlineData("setenv opt tls-cipher \"DEFAULT:@SECLEVEL=0\"")]
    [InlineData("tls-cert-profile preferred\ntls-cipher DEFAULT:@SECLEVEL=0")]
    public void A_profile_that_already_lowers_the_level_draws_no_complaint(string line)
    {
        var client = Made(WeakPki.Issued(_root, "client", "MD5"));

        var result = Sanitize(WithClient(client, line));

        Assert.False(result.HasErrors, string.Join('\n', result.Diagnostics));
        Assert.NotNull(result.Profile);
    }

    [Fact]
    public void A_seclevel_in_tls_cipher_overrides_tls_cert_profile_and_the_fix_says_so()
    {
        var client = Made(WeakPki.Issued(_root, "client", "MD5"));

        var error = Assert.Single(Findings(WithClient(client, "tls-cert-profile insecure\ntls-cipher DEFAULT:@SECLEVEL=1")));

        Assert.Contains("is signed with MD5", error.Message, StringComparison.Ordinal);
        Assert.Contains("security level 1 (set by tls-cipher at line 5)", error.Message, StringComparison.Ordinal);
        Assert.Contains("change @SECLEVEL=1 to @SECLEVEL=0 in tls-cipher at line 5", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_signed_sha1_root_is_fine_as_openssl_never_checks_its_own_signature()
    {
        var oldRoot = Made(WeakPki.Root("Old Root", hash: "SHA1"));

        var result = Sanitize($"client\nremote 192.0.2.10\nauth-user-pass\n<ca>\n{WeakPki.Pem(oldRoot)}</ca>\n");

        Assert.False(result.HasErrors, string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void A_small_ca_key_is_an_error_and_1024_bits_pass_level_1_but_not_level_2()
    {
        var small = Made(WeakPki.Root("Small CA", rsaBits: 768));
        var old = Made(WeakPki.Root("1024 CA", rsaBits: 1024));

        var error = Assert.Single(Findings(WithCa(small)));
        Assert.Equal((DiagnosticSeverity.Error, "ca"), (error.Severity, error.Directive));
        Assert.StartsWith(
            "the <ca> block: certificate 'CN=Small CA' has a 768-bit RSA key (72 bits of security to OpenSSL; 80 needed: \"ca key too small\")",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("the TLS handshake with the server would fail", error.Message, StringComparison.Ordinal);

        Assert.Empty(Findings(WithCa(old)));
        var preferred = Assert.Single(Findings(WithCa(old, "tls-cert-profile preferred")));
        Assert.Contains("security level 2 (set by tls-cert-profile at line 4)", preferred.Message, StringComparison.Ordinal);
        Assert.Contains("change line 4 to 'tls-cert-profile insecure'", preferred.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intermediate_in_the_ca_file_signed_with_sha1_is_an_error()
    {
        var intermediate = Made(WeakPki.Issued(_root, "Intermediate CA", "SHA1", authority: true));

        var error = Assert.Single(Findings(WithCa(_root, intermediate)));

        Assert.StartsWith("the <ca> block: certificate 2 of 2 'CN=Intermediate CA' is signed with SHA-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
    }

    [Fact]
    public void A_weak_root_next_to_good_ones_is_only_a_warning()
    {
        var small = Made(WeakPki.Root("Retired CA", rsaBits: 768));

        var warning = Assert.Single(Findings(WithCa(small, _root)));

        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("the other CA certificates here are fine", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_certs_signed_with_sha1_are_an_error()
    {
        var client = Made(WeakPki.Issued(_root, "client", "SHA256"));
        var intermediate = Made(WeakPki.Issued(_root, "Issuing CA", "SHA1", authority: true));

        var error = Assert.Single(Findings(WithClient(client, $"<extra-certs>\n{WeakPki.Pem(intermediate)}</extra-certs>")));

        Assert.Equal("extra-certs", error.Directive);
        Assert.Contains("every TLS handshake would fail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_read_from_a_file_is_named_by_its_path()
    {
        var client = Made(WeakPki.Issued(_root, "client", "SHA1"));
        var text = $"client\nremote 192.0.2.10\n<ca>\n{WeakPki.Pem(_root)}</ca>\ncert client.crt\n<key>\n{TestMaterial.PrivateKey}</key>\n";

        var result = ProfileSanitizer.Sanitize(
            ProfileParser.Parse(text, ProfilePath), path => path == "/etc/causeway/client.crt" ? WeakPki.Pem(client) : null);

        Assert.StartsWith("/etc/causeway/client.crt: certificate 'CN=client' is signed with SHA-1", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strong_certificates_draw_nothing()
    {
        var client = Made(WeakPki.Issued(_root, "client", "SHA256"));

        Assert.Empty(Findings(WithClient(client)));
    }

    /// <summary>What is not routine (the profiles here have auth-user-pass, which is).</summary>
    private static ProfileDiagnostic[] Findings(string text) => [.. Sanitize(text).Diagnostics.Where(d => !d.IsRoutine)];

    private static ProfileSanitizeResult Sanitize(string text) => ProfileSanitizer.Sanitize(ProfileParser.Parse(text, ProfilePath), _ => null);

    private X509Certificate2 Made(X509Certificate2 certificate)
    {
        _made.Add(certificate);
        return certificate;
    }

    /// <summary>A profile with the test's root as CA and this client certificate (and a key of the right shape).</summary>
    private string WithClient(X509Certificate2 client, string extra = "") =>
        $"client\nremote 192.0.2.10\nnobind\n{extra}\n<ca>\n{WeakPki.Pem(_root)}</ca>\n<cert>\n{WeakPki.Pem(client)}</cert>\n<key>\n{TestMaterial.PrivateKey}</key>\n";

    private static string WithCa(X509Certificate2 ca, string extra = "") =>
        $"client\nremote 192.0.2.10\nauth-user-pass\n{extra}\n<ca>\n{WeakPki.Pem(ca)}</ca>\n";

    private static string WithCa(X509Certificate2 first, X509Certificate2 second) =>
        $"client\nremote 192.0.2.10\nauth-user-pass\n\n<ca>\n{WeakPki.Pem(first, second)}</ca>\n";
}
