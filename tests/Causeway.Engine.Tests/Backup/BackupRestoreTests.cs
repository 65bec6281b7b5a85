using System.Text;
using Causeway.Core.Access;
using Causeway.Core.Backup;
using Causeway.Core.Config;
using Causeway.Core.Pki;
using Causeway.Engine.Access;
using Causeway.Engine.Backup;
using Causeway.Engine.HostState;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Backup;

/// <summary>
/// `backup` on one host and `restore` on another, both on the kit's in-memory file system: what comes back is the
/// same PKI (so old profiles connect and revoked ones stay refused), the same clients, config and provider files,
/// with the right modes in directories marked as the instance's; and every refusal writes nothing at all.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string ConfigPath = BackupSample.ConfigPath;
    private const string StateDirectory = "/var/lib/causeway";
    private const string AccessDirectory = "/var/lib/causeway/access";
    private const string BundlePath = "/home/anna/causeway-backup.json";
    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const string Config = BackupSample.Config;

    private const string Profile = BackupSample.Profile;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryFileSystem _old = new();
    private readonly InMemoryFileSystem _new = new();

    public BackupRestoreTests()
    {
        _old.AddFile(ConfigPath, Config, Mode0644)
            .AddFile("/etc/causeway/provider.ovpn", Profile, Mode0644)
            .AddFile("/etc/causeway/provider.auth", "user\npassword\n", PkiFileModes.File)
            .AddFile("/etc/causeway/provider-ca.crt", "-----BEGIN CERTIFICATE-----\nprovider\n-----END CERTIFICATE-----\n", Mode0644);
        _new.AddDirectory("/etc").AddDirectory("/var/lib").AddDirectory("/home/anna");
    }

    private AccessClients Clients(InMemoryFileSystem files)
    {
        var settings = ConfigLoader.Load(Config, ConfigPath).Settings!;
        return new AccessClients(settings.Access!, settings.Instance, files, _time);
    }

    /// <summary>The old host's PKI with two phones, one of them lost and revoked; returns the kept phone's profile.</summary>
    private string WithClients()
    {
        var clients = Clients(_old);
        var phone = clients.Add("phone", "vpn.example.net");
        clients.Add("lost", "vpn.example.net");
        _time.Advance(TimeSpan.FromDays(1));
        clients.Revoke("lost");
        return phone.Text;
    }

    private BackupMade Backup(bool includeProvider = true, FakeHostIdentity? identity = null) =>
        new BackupMaker(_old, identity ?? FakeHostIdentity.Root(), _time).Make(ConfigPath, includeProvider, "causeway test");

    private BackupRestorer Restorer(FakeHostIdentity? identity = null) => new(_new, identity ?? FakeHostIdentity.Root(), _time);

    private void Restore(string bundle, bool force = false, string configPath = ConfigPath)
    {
        var restorer = Restorer();
        restorer.Apply(restorer.Check(BundlePath, Encoding.UTF8.GetBytes(bundle), configPath, force));
    }

    /// <summary>Refused, with a line holding <paramref name="expected"/>, and not one write on the new host.</summary>
    private BackupRefusedException RefusedWithoutAWrite(string bundle, string expected, bool force = false, FakeHostIdentity? identity = null)
    {
        var writes = _new.Writes.Count;
        var error = Assert.Throws<BackupRefusedException>(() => Restorer(identity).Check(BundlePath, Encoding.UTF8.GetBytes(bundle), ConfigPath, force));
        Assert.Contains(error.Lines, l => l.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(writes, _new.Writes.Count);
        return error;
    }

    [Fact]
    public void A_restored_host_has_the_same_pki_clients_config_and_provider_files()
    {
        WithClients();
        var made = Backup();

        Restore(made.Text);

        string[] same =
        [
            ConfigPath, "/etc/causeway/provider.ovpn", "/etc/causeway/provider.auth", "/etc/causeway/provider-ca.crt",
            .. BackupAccessFiles.Paths(AccessPaths.For(ConfigLoader.Load(Config, ConfigPath).Settings!.Instance)).Where(p => _old.Stat(p).Exists),
        ];
        Assert.Equal(11, same.Length);
        Assert.All(same, path => Assert.Equal(_old.ContentOf(path), _new.ContentOf(path)));
        Assert.Empty(made.LeftOut);
    }

    [Fact]
    public void Restored_files_are_root_only_in_a_0700_directory_marked_as_the_instances_and_the_config_is_0644()
    {
        WithClients();

        Restore(Backup().Text);

        Assert.Equal(PkiFileModes.Directory, _new.Stat(StateDirectory).Mode);
        Assert.Equal("causeway\n", _new.ContentOf(OwnedDirectories.MarkerPath(StateDirectory)));
        Assert.Equal(PkiFileModes.Directory, _new.Stat(AccessDirectory).Mode);
        Assert.All(_new.ListDirectory(AccessDirectory), name => Assert.Equal((PkiFileModes.File, 0), (_new.Stat($"{AccessDirectory}/{name}").Mode, _new.Stat($"{AccessDirectory}/{name}").OwnerUid)));
        Assert.Equal(PkiFileModes.File, _new.Stat("/etc/causeway/provider.auth").Mode);
        Assert.Equal(PkiFileModes.File, _new.Stat("/etc/causeway/provider.ovpn").Mode);
        Assert.Equal(Mode0644, _new.Stat(ConfigPath).Mode);
        Assert.Equal(BackupRestorer.ConfigDirectoryMode, _new.Stat("/etc/causeway").Mode);
        Assert.All(_new.Writes, w => Assert.True(w.Atomic, w.Path));
        Assert.Equal(ConfigPath, _new.Writes[^1].Path);
    }

    [Fact]
    public void On_the_restored_host_up_finds_its_pki_as_it_was_and_the_revoked_phone_still_revoked()
    {
        WithClients();
        var lost = Clients(_old).List().Single(c => c.Name == "lost");

        Restore(Backup().Text);

        var restored = Clients(_new);
        var status = restored.Pki.EnsureReady();
        Assert.False(status.Created);
        Assert.Empty(status.Changes);
        Assert.Equal(Clients(_old).Pki.ReadMaterial(), restored.Pki.ReadMaterial());
        Assert.Contains(restored.Pki.ReadCrl().Revoked, r => r.SerialNumberHex == new RevokedEntry(lost.SerialNumberHex, Start).SerialNumberHex);
        Assert.Equal(Clients(_old).List(), restored.List());
    }

    [Fact]
    public void Provider_files_outside_the_configs_directory_are_left_out_and_said_so()
    {
        _old.AddFile(ConfigPath, Config.Replace("auth = \"provider.auth\"", "auth = \"/root/provider.auth\"", StringComparison.Ordinal), Mode0644)
            .AddFile("/root/provider.auth", "user\npassword\n", PkiFileModes.File);

        var made = Backup();

        Assert.DoesNotContain(made.Contents.Provider, f => f.Name == "provider.auth");
        Assert.Contains(made.LeftOut, l => l.Contains("egress.auth: /root/provider.auth is not in the config's directory", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_provider_files_the_bundle_holds_none_and_the_restore_lists_them_to_put_in_place()
    {
        WithClients();

        var made = Backup(includeProvider: false);
        var restorer = Restorer();
        var plan = restorer.Check(BundlePath, Encoding.UTF8.GetBytes(made.Text), ConfigPath, force: false);

        Assert.Empty(made.Contents.Provider);
        Assert.Contains(made.LeftOut, l => l.Contains("--no-provider-files", StringComparison.Ordinal));
        Assert.Contains("egress.auth: /etc/causeway/provider.auth", plan.Layout.NotInBundle);
    }

    [Fact]
    public void A_host_without_a_pki_yet_backs_up_its_config_and_provider_files()
    {
        var made = Backup();

        Assert.Empty(made.Contents.Access);
        Assert.Equal(3, made.Contents.Provider.Length);
    }

    [Fact]
    public void Backup_refuses_a_pki_that_would_not_restore_and_says_which_file()
    {
        WithClients();
        using var other = CertificateAuthority.Create("other", Start, TimeSpan.FromDays(30));
        _old.AddFile($"{AccessDirectory}/ca.key", other.PrivateKeyPem, PkiFileModes.File);

        var error = Assert.Throws<BackupRefusedException>(() => Backup());

        Assert.Contains(error.Lines, l => l.StartsWith($"{ConfigPath}: error: the backup would not restore: access \"ca", StringComparison.Ordinal));
    }

    [Fact]
    public void Backup_needs_root()
    {
        var error = Assert.Throws<BackupRefusedException>(() => Backup(identity: FakeHostIdentity.User()));

        Assert.Contains("causeway backup needs root", Assert.Single(error.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_needs_root()
    {
        RefusedWithoutAWrite(Backup().Text, "causeway restore needs root", identity: FakeHostIdentity.User());
    }

    [Fact]
    public void A_hostile_bundle_is_refused_naming_the_bundle_and_the_file()
    {
        var text = Backup().Text.Replace("\"name\": \"provider.auth\"", "\"name\": \"../../root/.ssh/authorized_keys\"", StringComparison.Ordinal);

        RefusedWithoutAWrite(text, $"{BundlePath}: error: files[2] (\"provider\" \"../../root/.ssh/authorized_keys\"): climbs out of its directory");
    }

    [Fact]
    public void A_symlink_where_the_config_goes_is_refused_even_with_force()
    {
        _new.AddFile("/etc/passwd", "root:x:0:0::/root:/bin/sh\n").AddSymlink(ConfigPath, "/etc/passwd");

        RefusedWithoutAWrite(Backup().Text, $"{ConfigPath}: error: is a symlink (to /etc/passwd)", force: true);
        Assert.Equal("root:x:0:0::/root:/bin/sh\n", _new.ContentOf("/etc/passwd"));
    }

    [Fact]
    public void A_dangling_symlink_where_a_key_goes_is_refused()
    {
        WithClients();
        _new.AddDirectory(StateDirectory, PkiFileModes.Directory).AddFile(OwnedDirectories.MarkerPath(StateDirectory), "causeway\n")
            .AddDirectory(AccessDirectory, PkiFileModes.Directory).AddSymlink($"{AccessDirectory}/ca.key", "/tmp/stolen.key");

        RefusedWithoutAWrite(Backup().Text, $"{AccessDirectory}/ca.key: error: is a symlink", force: true);
    }

    [Fact]
    public void An_access_directory_that_is_a_symlink_is_refused()
    {
        WithClients();
        _new.AddDirectory(StateDirectory, PkiFileModes.Directory).AddFile(OwnedDirectories.MarkerPath(StateDirectory), "causeway\n")
            .AddDirectory("/tmp/elsewhere").AddSymlink(AccessDirectory, "/tmp/elsewhere");

        RefusedWithoutAWrite(Backup().Text, $"{AccessDirectory}: error: is a symlink, not a directory");
    }

    [Fact]
    public void An_existing_config_is_not_overwritten_without_force()
    {
        _new.AddFile(ConfigPath, "# this host's own\n");

        RefusedWithoutAWrite(Backup().Text, $"{ConfigPath}: error: exists: restore overwrites nothing unless told to (give --force");
        Assert.Equal("# this host's own\n", _new.ContentOf(ConfigPath));
    }

    [Fact]
    public void An_existing_pki_is_not_replaced_without_force()
    {
        WithClients();
        var bundle = Backup().Text;
        Clients(_new).Pki.EnsureReady();
        var ca = _new.ContentOf($"{AccessDirectory}/ca.crt");

        RefusedWithoutAWrite(bundle, $"{AccessDirectory}: error: already holds an access PKI (ca.crt, ca.key, server.crt, server.key, tls-crypt.key, crl.pem)");
        Assert.Equal(ca, _new.ContentOf($"{AccessDirectory}/ca.crt"));
    }

    [Fact]
    public void With_force_the_backups_pki_replaces_this_hosts_whole()
    {
        WithClients();
        _old.Remove($"{AccessDirectory}/last-seen.json");
        var bundle = Backup().Text;
        Clients(_new).Pki.EnsureReady();
        _new.AddFile($"{AccessDirectory}/last-seen.json", "{}\n", PkiFileModes.File);
        var restorer = Restorer();
        var plan = restorer.Check(BundlePath, Encoding.UTF8.GetBytes(bundle), ConfigPath, force: true);

        restorer.Apply(plan);

        Assert.Equal(_old.ContentOf($"{AccessDirectory}/ca.key"), _new.ContentOf($"{AccessDirectory}/ca.key"));
        Assert.False(_new.Stat($"{AccessDirectory}/last-seen.json").Exists);
        Assert.Contains($"{AccessDirectory}/last-seen.json", plan.Stale);
        Assert.Contains($"{AccessDirectory}/ca.key", plan.Replaced);
    }

    [Fact]
    public void A_running_up_of_the_instance_refuses_the_restore()
    {
        _new.HoldLock("/run/causeway/causeway.lock");

        RefusedWithoutAWrite(Backup().Text, "/run/causeway/causeway.lock: error: causeway up is running for instance \"causeway\"", force: true);
    }

    [Fact]
    public void A_state_dir_that_is_not_the_instances_is_refused_even_with_force()
    {
        WithClients();
        _new.AddFile($"{StateDirectory}/someone-elses.db", "x");

        RefusedWithoutAWrite(Backup().Text, $"{StateDirectory}: error: {StateDirectory} already holds files (someone-elses.db) and has no .causeway-owned", force: true);
    }

    [Fact]
    public void A_config_directory_without_a_parent_is_refused()
    {
        var writes = _new.Writes.Count;

        var error = Assert.Throws<BackupRefusedException>(() =>
            Restorer().Check(BundlePath, Encoding.UTF8.GetBytes(Backup().Text), "/nowhere/at/all/causeway.toml", force: false));

        Assert.Contains("/nowhere/at/all: error: does not exist, nor does its parent", Assert.Single(error.Lines), StringComparison.Ordinal);
        Assert.Equal(writes, _new.Writes.Count);
    }

    [Fact]
    public void Restoring_twice_is_refused_the_second_time_as_existing_state()
    {
        WithClients();
        var bundle = Backup().Text;
        Restore(bundle);

        var error = RefusedWithoutAWrite(bundle, "already holds an access PKI");

        Assert.Contains(error.Lines, l => l.StartsWith($"{ConfigPath}: error: exists", StringComparison.Ordinal));
        Assert.Contains(error.Lines, l => l.StartsWith("/etc/causeway/provider.auth: error: exists", StringComparison.Ordinal));
    }
}
