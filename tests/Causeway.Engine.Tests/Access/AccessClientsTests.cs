using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Access;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Core.Profiles;
using Causeway.Engine.Access;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Access;

/// <summary>client add / list / revoke against an in-memory file system.</summary>
public sealed class AccessClientsTests
{
    private const string Host = "vpn.example.net";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryFileSystem _files = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly CausewaySettings _settings;
    private readonly AccessClients _clients;

    public AccessClientsTests()
    {
        var loaded = ConfigLoader.Load(
            """
            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"

            [egress]
            profile = "provider.ovpn"

            [access]
            public_address = "vpn.example.net"
            """,
            "/etc/causeway/causeway.toml");
        _settings = loaded.Settings!;
        _clients = new AccessClients(_settings.Access!, _settings.Instance, _files, _time);
    }

    private AccessPaths Paths => _clients.Paths;

    private static string Block(string profile, string name) =>
        ProfileParser.Parse(profile, "p.ovpn").Directives.Single(d => d.Name == name && d.IsInlineBlock).InlineContent!;

    [Fact]
    public void Adding_makes_the_pki_issues_a_certificate_records_it_and_returns_the_profile()
    {
        var added = _clients.Add("anna-phone", Host);

        using var certificate = X509Certificate2.CreateFromPem(Block(added.Text, "cert"));
        var parsed = ProfileParser.Parse(added.Text, "anna-phone.ovpn");
        var record = Assert.Single(_clients.List());

        Assert.Empty(parsed.Diagnostics);
        Assert.Equal("CN=anna-phone", certificate.Subject);
        Assert.Equal(certificate.SerialNumber, record.SerialNumberHex);
        Assert.Equal(new AccessClientRecord("anna-phone", certificate.SerialNumber, Start, added.Record.NotAfter, null), record);
        Assert.Contains(parsed.Directives, d => d.Name == "remote" && string.Join(' ', d.Arguments) == "vpn.example.net 1194 udp");
        Assert.Contains(parsed.Directives, d => d.Name == "verify-x509-name" && d.Arguments[0] == "causeway-access-server");
        Assert.Equal(_files.ContentOf(Paths.CaCertificate)!.TrimEnd('\n'), Block(added.Text, "ca").TrimEnd('\n'));
        Assert.Equal(PkiFileModes.File, _files.Stat(Paths.ClientRegistry).Mode);
        Assert.DoesNotContain("PRIVATE KEY", added.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_private_key_is_in_the_profile_and_nowhere_on_disk()
    {
        var added = _clients.Add("phone", Host);
        var key = Block(added.Text, "key");

        Assert.Contains("BEGIN PRIVATE KEY", key, StringComparison.Ordinal);
        Assert.DoesNotContain(_files.Writes, w => w.Contents.Contains(key.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_name_whatever_its_case_is_refused_before_anything_is_issued()
    {
        _clients.Add("phone", Host);
        var writes = _files.Writes.Count;

        var error = Assert.Throws<AccessClientException>(() => _clients.Add("Phone", Host));

        Assert.StartsWith("there is already a client named \"phone\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(writes, _files.Writes.Count);
        Assert.Single(_clients.List());
    }

    [Fact]
    public void An_invalid_name_is_refused_before_the_pki_is_even_made()
    {
        var error = Assert.Throws<AccessClientException>(() => _clients.Add("anna phone", Host));

        Assert.StartsWith("client name \"anna phone\" may only have letters, digits", error.Message, StringComparison.Ordinal);
        Assert.Empty(_files.Writes);
    }

    [Fact]
    public void The_servers_own_name_is_refused()
    {
        var error = Assert.Throws<AccessClientException>(() => _clients.Add("causeway-access-server", Host));

        Assert.Contains("is the server's own name", error.Message, StringComparison.Ordinal);
        Assert.Empty(_clients.List());
    }

    [Fact]
    public void Revoking_lists_the_serial_in_the_crl_marks_the_registry_and_names_the_cn_to_kill()
    {
        var phone = _clients.Add("phone", Host);
        var laptop = _clients.Add("laptop", Host);
        _time.Advance(TimeSpan.FromHours(1));

        var revocation = _clients.Revoke("PHONE");

        var crl = _clients.Pki.ReadCrl();
        Assert.Equal(new AccessRevocation("phone", phone.Record.SerialNumberHex, Start.AddHours(1), 2), revocation);
        Assert.True(crl.IsRevoked(phone.Record.SerialNumberHex));
        Assert.False(crl.IsRevoked(laptop.Record.SerialNumberHex));
        Assert.Equal(Start.AddHours(1), _clients.List()[0].RevokedAt);
        Assert.Null(_clients.List()[1].RevokedAt);
    }

    [Fact]
    public void Revoking_an_unknown_or_revoked_client_is_a_clear_error_and_changes_nothing()
    {
        _clients.Add("phone", Host);
        _clients.Revoke("phone");
        var crl = _files.ContentOf(Paths.Crl);

        var twice = Assert.Throws<AccessClientException>(() => _clients.Revoke("phone"));
        var unknown = Assert.Throws<AccessClientException>(() => _clients.Revoke("tablet"));

        Assert.StartsWith("client \"phone\" was already revoked on", twice.Message, StringComparison.Ordinal);
        Assert.Equal("there is no client named \"tablet\" (there are no clients yet)", unknown.Message);
        Assert.Equal(crl, _files.ContentOf(Paths.Crl));
    }

    [Fact]
    public void A_revoked_name_can_be_added_again_with_a_new_certificate()
    {
        var first = _clients.Add("phone", Host);
        _clients.Revoke("phone");

        var second = _clients.Add("phone", Host);

        Assert.NotEqual(first.Record.SerialNumberHex, second.Record.SerialNumberHex);
        Assert.Equal(2, _clients.List().Length);
        Assert.Equal(second.Record, _clients.ReadRegistry().FindActive("phone"));
        Assert.False(_clients.Pki.ReadCrl().IsRevoked(second.Record.SerialNumberHex));
    }

    [Fact]
    public void A_pki_that_cannot_be_used_stops_add_and_revoke_with_its_message()
    {
        _clients.Add("phone", Host);
        _files.AddFile(Paths.CaPrivateKey, _files.ContentOf(Paths.CaPrivateKey)!, InMemoryFileSystem.DefaultFileMode);
        var writes = _files.Writes.Count;

        var add = Assert.Throws<AccessPkiException>(() => _clients.Add("laptop", Host));
        var revoke = Assert.Throws<AccessPkiException>(() => _clients.Revoke("phone"));

        Assert.Contains($"{Paths.CaPrivateKey}: can be read or changed by group or others", add.Message, StringComparison.Ordinal);
        Assert.Equal(add.Message, revoke.Message);
        Assert.Equal(writes, _files.Writes.Count);
    }

    [Fact]
    public void A_damaged_registry_is_named()
    {
        _clients.Add("phone", Host);
        _files.AddFile(Paths.ClientRegistry, "{ not json", PkiFileModes.File);

        var error = Assert.Throws<AccessClientException>(() => _clients.List());

        Assert.StartsWith($"reading the client registry {Paths.ClientRegistry}: not a client registry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_that_cannot_go_into_a_profile_records_nothing()
    {
        Assert.Throws<ArgumentException>(() => _clients.Add("phone", "vpn example"));

        Assert.Empty(_clients.List());
    }

    [Fact]
    public void Last_seen_is_written_at_most_once_a_minute_in_a_file_of_its_own()
    {
        _clients.Add("phone", Host);
        var registry = _files.ContentOf(Paths.ClientRegistry);

        Assert.True(_clients.RecordSeen(["phone"]));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(_clients.RecordSeen(["phone"]));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(_clients.RecordSeen(["phone"]));

        Assert.Equal(Start.AddSeconds(61), _clients.ReadLastSeen().Of("phone"));
        Assert.Equal(registry, _files.ContentOf(Paths.ClientRegistry));
        Assert.Equal(PkiFileModes.File, _files.Stat(Paths.LastSeen).Mode);
    }

    [Fact]
    public void A_damaged_last_seen_file_reads_as_empty()
    {
        _files.AddFile(Paths.LastSeen, "garbage", PkiFileModes.File);

        Assert.Null(_clients.ReadLastSeen().Of("phone"));
    }
}
