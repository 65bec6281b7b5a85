using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Engine.Access;
using Causeway.Engine.HostState;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Access;

/// <summary>The access PKI on an in-memory file system: made on first use, checked on every later one, renewed in time.</summary>
public sealed class AccessPkiTests
{
    private const string Directory = "/var/lib/causeway/access";
    private const string StateDirectory = "/var/lib/causeway";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryFileSystem _files = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly AccessPaths _paths = new(Directory, "/run/causeway/openvpn");

    private AccessPki Pki() => new(_paths, "causeway", _files, _time);

    /// <summary>A PKI with one client issued (so that missing files are not simply made again).</summary>
    private AccessPki WithOneClient()
    {
        var pki = Pki();
        pki.EnsureReady();
        var client = pki.IssueClient(ClientName.Parse("phone"));
        _files.WriteAllTextAtomic(_paths.ClientRegistry,
            AccessClientRegistry.Empty.Add(new AccessClientRecord("phone", client.SerialNumberHex, Start, client.NotAfter, null)).ToJson(),
            PkiFileModes.File);
        return pki;
    }

    private AccessPkiException Refused()
    {
        var writes = _files.Writes.Count;
        var error = Assert.Throws<AccessPkiException>(() => Pki().EnsureReady());
        Assert.Equal(writes, _files.Writes.Count);
        return error;
    }

    private static void NamesFileAndFix(AccessPkiException error, string file, string problem, string? fix = null)
    {
        var found = Assert.Single(error.Problems, p => p.Path == file);
        Assert.Contains(problem, found.Message, StringComparison.Ordinal);
        if (fix is not null)
        {
            Assert.Contains(fix, found.Message, StringComparison.Ordinal);
        }

        Assert.Contains($"{file}: {found.Message}", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"the access PKI in {Directory} cannot be used:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_use_makes_every_file_0600_in_a_0700_directory()
    {
        var status = Pki().EnsureReady();

        Assert.True(status.Created);
        Assert.Equal(PkiFileModes.Directory, _files.Stat(Directory).Mode);
        Assert.Equal(
            ["ca.crt", "ca.key", "crl.pem", "server.crt", "server.key", "tls-crypt.key"],
            _files.ListDirectory(Directory));
        Assert.All(_paths.PkiFiles, f => Assert.Equal(PkiFileModes.File, _files.Stat(f).Mode));
        Assert.All(_files.Writes.Where(w => w.Path != OwnedDirectories.MarkerPath(StateDirectory)), w => Assert.True(w.Atomic && w.Mode == PkiFileModes.File, w.Path));
        Assert.Equal("causeway\n", _files.ContentOf(OwnedDirectories.MarkerPath(StateDirectory)));
        Assert.Equal("causeway-access-server", status.ServerCommonName);
        Assert.Equal(Start + AccessPki.CrlLifetime, status.CrlNextUpdate);
    }

    [Fact]
    public void What_it_makes_is_a_sound_pki()
    {
        Pki().EnsureReady();
        string Text(string path) => _files.ContentOf(path)!;

        var findings = PkiValidator.Validate(
            new PkiFileSet(
                new PkiFile("ca.crt", Text(_paths.CaCertificate)), new PkiFile("ca.key", Text(_paths.CaPrivateKey)),
                new PkiFile("server.crt", Text(_paths.ServerCertificate)), new PkiFile("server.key", Text(_paths.ServerPrivateKey)),
                new PkiFile("crl.pem", Text(_paths.Crl)), new PkiFile("tls-crypt.key", Text(_paths.TlsCryptKey))),
            Start);
        using var ca = X509Certificate2.CreateFromPem(Text(_paths.CaCertificate));
        using var key = ca.GetECDsaPublicKey();
        var crl = CrlContents.Parse(Text(_paths.Crl));

        Assert.Empty(findings);
        Assert.Equal("CN=Causeway causeway access CA", ca.Subject);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key!.ExportParameters(false).Curve.Oid.Value);
        Assert.Empty(crl.Revoked);
        Assert.Equal(1, crl.CrlNumber);
    }

    [Fact]
    public void A_later_use_checks_and_changes_nothing()
    {
        var first = Pki().EnsureReady();
        var writes = _files.Writes.Count;

        _time.Advance(TimeSpan.FromDays(10));
        var second = Pki().EnsureReady();

        Assert.False(second.Created);
        Assert.Empty(second.Changes);
        Assert.Equal(writes, _files.Writes.Count);
        Assert.Equal(first.ServerCommonName, second.ServerCommonName);
        Assert.Equal(first.CrlNextUpdate, second.CrlNextUpdate);
    }

    [Fact]
    public void A_key_file_others_can_read_is_refused_with_chmod()
    {
        WithOneClient();
        _files.AddFile(_paths.CaPrivateKey, _files.ContentOf(_paths.CaPrivateKey)!, InMemoryFileSystem.DefaultFileMode);

        NamesFileAndFix(Refused(), _paths.CaPrivateKey, "can be read or changed by group or others (mode 0644)", $"chmod 600 {_paths.CaPrivateKey}");
    }

    [Fact]
    public void Even_a_certificate_others_can_read_is_refused()
    {
        WithOneClient();
        _files.AddFile(_paths.ServerCertificate, _files.ContentOf(_paths.ServerCertificate)!, PkiFileModes.File | UnixFileMode.OtherRead);

        NamesFileAndFix(Refused(), _paths.ServerCertificate, "(mode 0604)", "chmod 600");
    }

    [Fact]
    public void A_directory_others_can_enter_is_refused_with_chmod_700()
    {
        WithOneClient();
        _files.AddDirectory(Directory, InMemoryFileSystem.DefaultDirectoryMode);

        NamesFileAndFix(Refused(), Directory, "(mode 0755): it is the directory of the access CA's key", $"chmod 700 {Directory}");
    }

    [Fact]
    public void A_directory_others_can_enter_is_refused_even_when_it_is_empty()
    {
        _files.AddDirectory(Directory, InMemoryFileSystem.DefaultDirectoryMode);

        var error = Refused();

        Assert.Equal(Directory, Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void A_file_not_owned_by_root_is_refused_with_chown()
    {
        WithOneClient();
        _files.AddFile(_paths.TlsCryptKey, _files.ContentOf(_paths.TlsCryptKey)!, PkiFileModes.File, ownerUid: 1000);

        NamesFileAndFix(Refused(), _paths.TlsCryptKey, "is owned by uid 1000, not root", $"chown root:root {_paths.TlsCryptKey}");
    }

    [Fact]
    public void A_certificate_that_does_not_parse_is_refused()
    {
        WithOneClient();
        _files.AddFile(_paths.ServerCertificate, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n", PkiFileModes.File);

        NamesFileAndFix(Refused(), _paths.ServerCertificate, "the server certificate:");
    }

    [Fact]
    public void A_server_certificate_from_another_ca_is_refused()
    {
        WithOneClient();
        using var stranger = CertificateAuthority.Create("Causeway causeway access CA", Start, TimeSpan.FromDays(30));
        var foreign = stranger.IssueServer("causeway-access-server", [], Start, TimeSpan.FromDays(10));
        _files.AddFile(_paths.ServerCertificate, foreign.CertificatePem, PkiFileModes.File);
        _files.AddFile(_paths.ServerPrivateKey, foreign.PrivateKeyPem, PkiFileModes.File);

        NamesFileAndFix(Refused(), _paths.ServerCertificate, "does not chain to the CA");
    }

    [Fact]
    public void A_key_that_is_not_its_certificates_is_refused()
    {
        WithOneClient();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _files.AddFile(_paths.ServerPrivateKey, other.ExportPkcs8PrivateKeyPem(), PkiFileModes.File);

        NamesFileAndFix(Refused(), _paths.ServerPrivateKey, "does not belong to the server certificate");
    }

    [Fact]
    public void A_ca_key_that_is_not_the_cas_is_refused()
    {
        WithOneClient();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _files.AddFile(_paths.CaPrivateKey, other.ExportPkcs8PrivateKeyPem(), PkiFileModes.File);

        NamesFileAndFix(Refused(), _paths.CaPrivateKey, "does not belong to the CA certificate");
    }

    [Fact]
    public void A_short_tls_crypt_key_is_refused()
    {
        WithOneClient();
        var text = _files.ContentOf(_paths.TlsCryptKey)!;
        _files.AddFile(_paths.TlsCryptKey, string.Join('\n', text.Split('\n').Where((_, i) => i != 5)), PkiFileModes.File);

        NamesFileAndFix(Refused(), _paths.TlsCryptKey, "too little key material");
    }

    [Fact]
    public void A_crl_from_another_ca_is_refused()
    {
        WithOneClient();
        using var stranger = CertificateAuthority.Create("Someone else", Start, TimeSpan.FromDays(30));
        _files.AddFile(_paths.Crl, stranger.CreateCrl([], 1, Start, TimeSpan.FromDays(30)), PkiFileModes.File);

        var error = Refused();

        NamesFileAndFix(error, _paths.Crl, "not by the CA");
        Assert.Contains("a damaged crl.pem may be removed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        WithOneClient();
        _files.AddFile(_paths.CaPrivateKey, _files.ContentOf(_paths.CaPrivateKey)!, InMemoryFileSystem.DefaultFileMode);
        _files.AddFile(_paths.TlsCryptKey, _files.ContentOf(_paths.TlsCryptKey)!, PkiFileModes.File, ownerUid: 1000);

        var error = Refused();

        Assert.Equal([_paths.CaPrivateKey, _paths.TlsCryptKey], error.Problems.Select(p => p.Path));
    }

    [Fact]
    public void A_missing_file_after_clients_were_issued_is_refused_not_remade()
    {
        WithOneClient();
        _files.Remove(_paths.ServerPrivateKey);

        NamesFileAndFix(Refused(), _paths.ServerPrivateKey, "is missing, and 1 client(s) were issued from this PKI: restore it from a backup");
    }

    [Fact]
    public void An_incomplete_pki_that_issued_nothing_is_made_again()
    {
        Pki().EnsureReady();
        var oldCa = _files.ContentOf(_paths.CaCertificate);
        _files.Remove(_paths.TlsCryptKey);

        var status = Pki().EnsureReady();

        Assert.True(status.Created);
        Assert.Equal("made a new PKI: tls-crypt.key missing and no client issued yet", Assert.Single(status.Changes));
        Assert.NotEqual(oldCa, _files.ContentOf(_paths.CaCertificate));
    }

    [Fact]
    public void A_missing_crl_is_written_again_from_the_registry()
    {
        var pki = WithOneClient();
        var serial = AccessClientRegistry.FromJson(_files.ContentOf(_paths.ClientRegistry)!).Clients[0].SerialNumberHex;
        _files.WriteAllTextAtomic(_paths.ClientRegistry,
            AccessClientRegistry.FromJson(_files.ContentOf(_paths.ClientRegistry)!).Revoke("phone", Start, out _).ToJson(), PkiFileModes.File);
        _files.Remove(_paths.Crl);

        var status = pki.EnsureReady();

        Assert.Equal("wrote a new CRL from the client registry (1 revoked)", Assert.Single(status.Changes));
        Assert.True(pki.ReadCrl().IsRevoked(serial));
    }

    [Fact]
    public void The_crl_is_renewed_well_before_it_expires_with_a_higher_number()
    {
        var pki = Pki();
        pki.EnsureReady();

        _time.Advance(AccessPki.CrlLifetime - AccessPki.CrlRenewBefore - TimeSpan.FromHours(1));
        Assert.Empty(pki.EnsureReady().Changes);

        _time.Advance(TimeSpan.FromHours(2));
        var status = pki.EnsureReady();

        Assert.StartsWith("renewed the CRL (valid until", Assert.Single(status.Changes), StringComparison.Ordinal);
        Assert.Equal(_time.GetUtcNow() + AccessPki.CrlLifetime, status.CrlNextUpdate);
        Assert.Equal(2, pki.ReadCrl().CrlNumber);
    }

    [Fact]
    public void An_expired_crl_is_renewed_rather_than_refused()
    {
        var pki = WithOneClient();
        _time.Advance(AccessPki.CrlLifetime + TimeSpan.FromDays(1));

        var status = pki.EnsureReady();

        Assert.Contains(status.Changes, c => c.StartsWith("renewed the CRL", StringComparison.Ordinal));
        Assert.True(pki.ReadCrl().NextUpdate > _time.GetUtcNow());
    }

    [Fact]
    public void Revocations_survive_a_crl_renewal()
    {
        var pki = WithOneClient();
        var serial = AccessClientRegistry.FromJson(_files.ContentOf(_paths.ClientRegistry)!).Clients[0].SerialNumberHex;
        pki.Revoke(serial, Start);

        _time.Advance(AccessPki.CrlLifetime);
        pki.EnsureReady();

        Assert.True(pki.ReadCrl().IsRevoked(serial));
        Assert.Equal(3, pki.ReadCrl().CrlNumber);
    }

    [Fact]
    public void The_server_certificate_is_reissued_with_the_same_name_before_it_expires()
    {
        var pki = Pki();
        pki.EnsureReady();
        var before = _files.ContentOf(_paths.ServerCertificate);

        _time.Advance(AccessPki.ServerValidity - AccessPki.ServerRenewBefore + TimeSpan.FromDays(1));
        var status = pki.EnsureReady();

        Assert.Contains(status.Changes, c => c.StartsWith("issued a new server certificate", StringComparison.Ordinal));
        Assert.NotEqual(before, _files.ContentOf(_paths.ServerCertificate));
        Assert.Equal("causeway-access-server", pki.ReadMaterial().ServerCommonName);
        Assert.Empty(pki.EnsureReady().Changes);
    }

    [Fact]
    public void Revoking_publishes_a_crl_with_the_serial_and_again_leaves_it_listed_once()
    {
        var pki = Pki();
        pki.EnsureReady();
        var client = pki.IssueClient(ClientName.Parse("phone"));

        var first = pki.Revoke(client.SerialNumberHex, Start);
        var again = pki.Revoke(client.SerialNumberHex, Start.AddMinutes(1));

        Assert.True(first.IsRevoked(client.SerialNumberHex));
        Assert.Single(again.Revoked);
        Assert.Equal(3, again.CrlNumber);
        Assert.Equal(PkiFileModes.File, _files.Writes[^1].Mode);
        Assert.Equal(_paths.Crl, _files.Writes[^1].Path);
    }

    [Fact]
    public void Client_certificates_chain_to_the_ca_are_for_clients_and_end_with_it_at_the_latest()
    {
        var pki = Pki();
        pki.EnsureReady();

        var client = pki.IssueClient(ClientName.Parse("anna-phone"));
        var problems = PkiValidator.CheckIssued(
            new PkiFile("ca.crt", _files.ContentOf(_paths.CaCertificate)!), new PkiFile("c.crt", client.CertificatePem),
            new PkiFile("c.key", client.PrivateKeyPem), CertificateRole.Client, Start);

        Assert.Empty(problems);
        Assert.Equal("anna-phone", client.CommonName);
        Assert.Equal(Start + AccessPki.ClientValidity, client.NotAfter);
    }

    [Fact]
    public void The_material_for_profiles_is_the_cas_certificate_the_servers_name_and_the_tls_crypt_key()
    {
        var pki = Pki();
        pki.EnsureReady();

        var material = pki.ReadMaterial();

        Assert.Equal(_files.ContentOf(_paths.CaCertificate), material.CaCertificatePem);
        Assert.Equal("causeway-access-server", material.ServerCommonName);
        Assert.Equal(256, TlsCryptKey.Parse(material.TlsCryptKey).KeyMaterial.Length);
        Assert.DoesNotContain("Static key", material.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_is_a_file_where_the_directory_should_be_is_refused()
    {
        _files.AddFile(Directory, "oops", PkiFileModes.File);

        var error = Assert.Throws<AccessPkiException>(() => Pki().EnsureReady());

        Assert.Contains("is not a directory", error.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(error.Problems).Severity);
    }
}
