using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Core.Profiles;
using Causeway.Engine.Access;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Access;

/// <summary>
/// The access store on the real file system, checked with the real `openssl` (the OpenSSL OpenVPN links): modes
/// and owner as written, the server and client certificates verify for their purposes against the CA and the CRL,
/// and a revoked client's certificate fails with "certificate revoked" once `client revoke` has published the CRL.
/// </summary>
public sealed class AccessStoreOnDiskTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ProcessCommandRunner _runner = new();
    private readonly LinuxFileSystem _files = new();
    private readonly AccessClients _clients;
    private readonly CausewaySettings _settings;

    public AccessStoreOnDiskTests()
    {
        if (!new LinuxHostIdentity().IsRoot)
        {
            Assert.Skip("needs root: the store refuses files not owned by root");
        }

        _settings = ConfigLoader.Load(
            $"""
            [instance]
            state_dir = "{_directory.Path}/state"
            run_dir = "{_directory.Path}/run"
            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"
            [egress]
            profile = "provider.ovpn"
            [access]
            public_address = "vpn.example.net"
            """,
            _directory.File("causeway.toml")).Settings!;
        _clients = new AccessClients(_settings.Access!, _settings.Instance, _files, TimeProvider.System);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Revocations_at_the_same_time_all_end_in_the_crl()
    {
        // Each as its own `causeway client revoke` would be: its own store object, the same files. Without the PKI's
        // lock, each read-modify-write of the CRL could publish one without the others' serials.
        string[] names = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"];
        var serials = names.Select(n => _clients.Add(n, "vpn.example.net").Record.SerialNumberHex).ToArray();
        using var start = new ManualResetEventSlim();
        var revocations = names.Select(n => Task.Run(() =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            return new AccessClients(_settings.Access!, _settings.Instance, new LinuxFileSystem(), TimeProvider.System).Revoke(n);
        })).ToArray();

        start.Set();
        await Task.WhenAll(revocations);

        var crl = _clients.Pki.ReadCrl();
        Assert.All(serials, serial => Assert.True(crl.IsRevoked(serial), $"serial {serial} is missing from the CRL"));
        Assert.All(_clients.List(), c => Assert.NotNull(c.RevokedAt));
    }

    [Fact]
    public void The_store_is_0700_with_0600_files_owned_by_root_on_disk()
    {
        _clients.Add("phone", "vpn.example.net");

        var directory = _files.Stat(_clients.Paths.Directory);
        Assert.Equal(PkiFileModes.Directory, directory.Mode);
        Assert.Equal(0, directory.OwnerUid);
        foreach (var file in _clients.Paths.PkiFiles.Append(_clients.Paths.ClientRegistry))
        {
            var facts = _files.Stat(file);
            Assert.True(facts.Mode == PkiFileModes.File && facts.OwnerUid == 0, $"{file}: mode {facts.Mode}, uid {facts.OwnerUid}");
        }

        Assert.DoesNotContain(Directory.GetFiles(_clients.Paths.Directory), f => Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public async Task Openssl_verifies_the_server_and_client_certificates_with_the_crl_and_refuses_a_revoked_client()
    {
        var phone = _clients.Add("phone", "vpn.example.net");
        var laptop = _clients.Add("laptop", "vpn.example.net");
        var phoneCert = WriteCertificate("phone.crt", phone.Text);
        var laptopCert = WriteCertificate("laptop.crt", laptop.Text);
        var paths = _clients.Paths;

        var server = await OpenSslAsync("verify", "-x509_strict", "-purpose", "sslserver", "-crl_check", "-CRLfile", paths.Crl, "-CAfile", paths.CaCertificate, paths.ServerCertificate);
        var before = await OpenSslAsync("verify", "-x509_strict", "-purpose", "sslclient", "-crl_check", "-CRLfile", paths.Crl, "-CAfile", paths.CaCertificate, phoneCert);
        _clients.Revoke("phone");
        var revoked = await _runner.RunAsync(CommandSpec.Of("openssl", "verify", "-crl_check", "-CRLfile", paths.Crl, "-CAfile", paths.CaCertificate, phoneCert), TestContext.Current.CancellationToken);
        var other = await OpenSslAsync("verify", "-x509_strict", "-purpose", "sslclient", "-crl_check", "-CRLfile", paths.Crl, "-CAfile", paths.CaCertificate, laptopCert);

        Assert.Equal($"{paths.ServerCertificate}: OK", server.StandardOutput.Trim());
        Assert.Equal($"{phoneCert}: OK", before.StandardOutput.Trim());
        Assert.False(revoked.Succeeded);
        Assert.Contains("certificate revoked", revoked.StandardOutput + revoked.StandardError, StringComparison.Ordinal);
        Assert.Equal($"{laptopCert}: OK", other.StandardOutput.Trim());
    }

    [Fact]
    public async Task Openssl_reads_the_crl_as_signed_by_the_ca_with_the_revoked_serial()
    {
        var phone = _clients.Add("phone", "vpn.example.net");
        _clients.Revoke("phone");

        var crl = await OpenSslAsync("crl", "-in", _clients.Paths.Crl, "-noout", "-text", "-CAfile", _clients.Paths.CaCertificate);

        Assert.Contains("verify OK", crl.StandardError + crl.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Serial Number: {phone.Record.SerialNumberHex}", crl.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("X509v3 CRL Number: \n                2", crl.StandardOutput.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private string WriteCertificate(string name, string profile)
    {
        var pem = ProfileParser.Parse(profile, name).Directives.Single(d => d.Name == "cert" && d.IsInlineBlock).InlineContent!;
        var path = _directory.File(name);
        File.WriteAllText(path, pem);
        return path;
    }

    private async Task<CommandResult> OpenSslAsync(params string[] arguments)
    {
        var spec = CommandSpec.Of("openssl", arguments);
        return (await _runner.RunAsync(spec, TestContext.Current.CancellationToken)).EnsureSuccess("openssl", spec);
    }
}
