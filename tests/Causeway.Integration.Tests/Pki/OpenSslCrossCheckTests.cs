using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Pki;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Pki;

/// <summary>
/// What the PKI writes, checked by the real `openssl` CLI (the same OpenSSL that OpenVPN links): if OpenSSL accepts
/// the chain, the purposes and the CRL here, OpenVPN's TLS layer will too. Needs no root.
/// </summary>
public sealed class OpenSslCrossCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly ProcessCommandRunner _runner = new();
    private readonly PkiWorkspace _files = new();
    private readonly CertificateAuthority _ca = CertificateAuthority.Create("Causeway Cross-Check CA", Now, TimeSpan.FromDays(3650));
    private readonly IssuedCertificate _server;
    private readonly IssuedCertificate _client;
    private readonly IssuedCertificate _revoked;
    private readonly string _caPath;
    private readonly string _crlPath;

    public OpenSslCrossCheckTests()
    {
        _server = _ca.IssueServer("duo.example.test", ["duo.example.test", "192.0.2.10", "2001:db8::10"], Now, TimeSpan.FromDays(730));
        _client = _ca.IssueClient("phone-anna", Now, TimeSpan.FromDays(730));
        _revoked = _ca.IssueClient("phone-lost", Now, TimeSpan.FromDays(730));
        _caPath = _files.Write("ca.crt", _ca.CertificatePem);
        _files.Write("ca.key", _ca.PrivateKeyPem);
        _files.Write("server", _server);
        _files.Write("client", _client);
        _files.Write("revoked", _revoked);
        _crlPath = _files.Write("crl.pem", _ca.CreateCrl(
            [new RevokedEntry(_revoked.SerialNumberHex, Now, X509RevocationReason.KeyCompromise)], new BigInteger(7), Now, TimeSpan.FromDays(30)));
    }

    public void Dispose()
    {
        _ca.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Openssl_verifies_the_server_certificate_as_a_TLS_server_against_the_CA()
    {
        var result = await OpenSslAsync("verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", _caPath, File("server.crt"));

        Assert.Equal($"{File("server.crt")}: OK", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Openssl_verifies_the_client_certificate_as_a_TLS_client_against_the_CA()
    {
        var result = await OpenSslAsync("verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", _caPath, File("client.crt"));

        Assert.Equal($"{File("client.crt")}: OK", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Openssl_refuses_a_client_certificate_for_the_server_purpose()
    {
        var result = await RunAsync("openssl", "verify", "-purpose", "sslserver", "-CAfile", _caPath, File("client.crt"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unsuitable certificate purpose", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_CRL_openssl_accepts_a_good_client_and_rejects_the_revoked_one()
    {
        var good = await OpenSslAsync("verify", "-crl_check", "-CRLfile", _crlPath, "-CAfile", _caPath, File("client.crt"));
        var revoked = await RunAsync("openssl", "verify", "-crl_check", "-CRLfile", _crlPath, "-CAfile", _caPath, File("revoked.crt"));

        Assert.Equal($"{File("client.crt")}: OK", good.StandardOutput.Trim());
        Assert.NotEqual(0, revoked.ExitCode);
        Assert.Contains("certificate revoked", revoked.StandardOutput + revoked.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_CRL_has_expired_openssl_refuses_even_a_good_client()
    {
        // What the validator's "OpenVPN refuses every client while its CRL is expired" rests on.
        var afterNextUpdate = Now.AddDays(31).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await RunAsync("openssl", "verify", "-attime", afterNextUpdate, "-crl_check", "-CRLfile", _crlPath, "-CAfile", _caPath, File("client.crt"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("CRL has expired", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openssl_shows_the_server_extensions()
    {
        var text = (await OpenSslAsync("x509", "-in", File("server.crt"), "-noout", "-text")).StandardOutput;

        Assert.Contains("ecdsa-with-SHA256", text, StringComparison.Ordinal);
        Assert.Contains("ASN1 OID: prime256v1", text, StringComparison.Ordinal);
        Assert.Matches(@"X509v3 Extended Key Usage: \n\s+TLS Web Server Authentication\n", text);
        Assert.Matches(@"X509v3 Key Usage: critical\n\s+Digital Signature, Key Agreement\n", text);
        Assert.Matches(@"X509v3 Basic Constraints: critical\n\s+CA:FALSE\n", text);
        Assert.Contains("DNS:duo.example.test, IP Address:192.0.2.10, IP Address:2001:DB8:0:0:0:0:0:10", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Subject Key Identifier", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Authority Key Identifier", text, StringComparison.Ordinal);
        Assert.Contains("Subject: CN = duo.example.test", text, StringComparison.Ordinal);
        Assert.Contains("Issuer: CN = Causeway Cross-Check CA", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openssl_shows_the_client_and_CA_extensions()
    {
        var client = (await OpenSslAsync("x509", "-in", File("client.crt"), "-noout", "-text")).StandardOutput;
        var ca = (await OpenSslAsync("x509", "-in", _caPath, "-noout", "-text")).StandardOutput;

        Assert.Matches(@"X509v3 Extended Key Usage: \n\s+TLS Web Client Authentication\n", client);
        Assert.Matches(@"X509v3 Key Usage: critical\n\s+Digital Signature\n", client);
        Assert.Matches(@"X509v3 Basic Constraints: critical\n\s+CA:TRUE, pathlen:0\n", ca);
        Assert.Matches(@"X509v3 Key Usage: critical\n\s+Certificate Sign, CRL Sign\n", ca);
    }

    [Fact]
    public async Task Openssl_shows_the_serial_the_record_reports()
    {
        var serial = (await OpenSslAsync("x509", "-in", File("client.crt"), "-noout", "-serial")).StandardOutput.Trim();

        Assert.Equal($"serial={_client.SerialNumberHex}", serial);
    }

    [Fact]
    public async Task Openssl_lists_the_revoked_serial_and_the_CRL_number_and_verifies_the_CRL_signature()
    {
        var text = (await OpenSslAsync("crl", "-in", _crlPath, "-noout", "-text")).StandardOutput;
        var verified = await OpenSslAsync("crl", "-in", _crlPath, "-noout", "-CAfile", _caPath);

        Assert.Contains($"Serial Number: {_revoked.SerialNumberHex}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_client.SerialNumberHex, text, StringComparison.Ordinal);
        Assert.Matches(@"X509v3 CRL Number: \n\s+7\n", text);
        Assert.Contains("Key Compromise", text, StringComparison.Ordinal);
        Assert.Contains("Issuer: CN = Causeway Cross-Check CA", text, StringComparison.Ordinal);
        Assert.Contains($"Next Update: {Now.AddDays(30).UtcDateTime:MMM d HH:mm:ss yyyy} GMT".Replace("  ", " ", StringComparison.Ordinal),
            text.Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("verify OK", verified.StandardError + verified.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ca.key")]
    [InlineData("server.key")]
    [InlineData("client.key")]
    public async Task Openssl_checks_each_private_key_and_it_matches_its_certificate(string keyFile)
    {
        var certificateFile = keyFile == "ca.key" ? "ca.crt" : keyFile.Replace(".key", ".crt", StringComparison.Ordinal);

        var check = await OpenSslAsync("pkey", "-in", File(keyFile), "-check", "-noout");
        var fromKey = await OpenSslAsync("pkey", "-in", File(keyFile), "-pubout");
        var fromCertificate = await OpenSslAsync("x509", "-in", File(certificateFile), "-noout", "-pubkey");

        Assert.Contains("Key is valid", check.StandardOutput + check.StandardError, StringComparison.Ordinal);
        Assert.Equal(fromCertificate.StandardOutput, fromKey.StandardOutput);
    }

    [Fact]
    public void Every_file_is_0600_in_a_0700_directory()
    {
        Assert.Equal(PkiFileModes.Directory, new DirectoryInfo(_files.DirectoryPath).UnixFileMode);
        Assert.All(Directory.GetFiles(_files.DirectoryPath), f => Assert.Equal(PkiFileModes.File, System.IO.File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task A_CA_made_by_openssl_can_be_loaded_and_issues_certificates_openssl_accepts()
    {
        var key = _files.DirectoryPath + "/ext-ca.key";
        var certificate = _files.DirectoryPath + "/ext-ca.crt";
        await OpenSslAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes", "-keyout", key, "-out", certificate,
            "-days", "30", "-subj", "/CN=OpenSSL Made CA");

        using var ca = CertificateAuthority.Load(System.IO.File.ReadAllText(certificate), System.IO.File.ReadAllText(key));
        var server = ca.IssueServer("srv", ["srv.example.test"], Now, TimeSpan.FromDays(7));
        var crl = _files.Write("ext-crl.pem", ca.CreateCrl([new RevokedEntry(server.SerialNumberHex, Now)], 1, Now, TimeSpan.FromDays(1)));
        var (serverCertificate, _) = _files.Write("ext-server", server);

        Assert.Equal("OpenSSL Made CA", ca.CommonName);
        await OpenSslAsync("verify", "-purpose", "sslserver", "-CAfile", certificate, serverCertificate);
        var revoked = await RunAsync("openssl", "verify", "-crl_check", "-CRLfile", crl, "-CAfile", certificate, serverCertificate);
        Assert.Contains("certificate revoked", revoked.StandardOutput + revoked.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_from_openvpn_genkey_parses_and_is_written_back_identically()
    {
        var path = _files.DirectoryPath + "/genkey.key";
        (await RunAsync("openvpn", "--genkey", "tls-crypt", path)).EnsureSuccess("openvpn --genkey", CommandSpec.Of("openvpn"));
        var text = System.IO.File.ReadAllText(path);

        Assert.Equal(text, TlsCryptKey.Parse(text).ToOpenVpnFormat());
    }

    private string File(string name) => Path.Combine(_files.DirectoryPath, name);

    private async Task<CommandResult> OpenSslAsync(params string[] arguments)
    {
        var spec = CommandSpec.Of("openssl", arguments);
        return (await _runner.RunAsync(spec, TestContext.Current.CancellationToken)).EnsureSuccess("cross-checking with openssl", spec);
    }

    private Task<CommandResult> RunAsync(string program, params string[] arguments) =>
        _runner.RunAsync(CommandSpec.Of(program, arguments), TestContext.Current.CancellationToken);
}
