using Causeway.Core.Backup;
using Causeway.Core.Pki;
using Xunit;

namespace Causeway.Core.Tests.Backup;

/// <summary>
/// Where a checked bundle's files go, decided by their roles and the bundle's own config loaded where it is restored
/// to, never by a path in the bundle; and whether its PKI is whole enough that old profiles connect and revoked ones
/// stay refused.
/// </summary>
public sealed class RestorePlannerTests
{
    private static RestoreLayout Plan(BackupContents contents, string configPath = BackupTestData.ConfigPath) =>
        RestorePlanner.Plan(contents, configPath, BackupTestData.Now);

    private static BackupFormatException Refused(BackupContents contents, string configPath = BackupTestData.ConfigPath) =>
        Assert.Throws<BackupFormatException>(() => Plan(contents, configPath));

    [Fact]
    public void Each_file_goes_where_its_role_says_the_pki_first_the_config_last()
    {
        var layout = Plan(BackupTestData.Contents());

        Assert.Equal(
        [
            "/var/lib/causeway/access/ca.crt", "/var/lib/causeway/access/ca.key", "/var/lib/causeway/access/server.crt",
            "/var/lib/causeway/access/server.key", "/var/lib/causeway/access/tls-crypt.key", "/var/lib/causeway/access/crl.pem",
            "/var/lib/causeway/access/clients.json", "/var/lib/causeway/access/last-seen.json",
            "/etc/causeway/provider.ovpn", "/etc/causeway/provider.auth", "/etc/causeway/provider-ca.crt",
            "/etc/causeway/causeway.toml",
        ], layout.Targets.Select(t => t.Path));
        Assert.Empty(layout.NotInBundle);
    }

    [Fact]
    public void The_config_decides_where_the_pki_goes_and_the_config_path_where_the_provider_files_go()
    {
        var contents = BackupTestData.Contents();
        contents = contents with { Config = contents.Config with { Text = "[instance]\nstate_dir = \"/srv/cw/state\"\n" + contents.Config.Text } };

        var layout = Plan(contents, "/opt/cw/causeway.toml");

        Assert.Equal("/srv/cw/state/access/ca.key", layout.Targets.Single(t => t.File.Name == "ca.key").Path);
        Assert.Equal("/opt/cw/provider.auth", layout.Targets.Single(t => t.File.Name == "provider.auth").Path);
        Assert.Equal("/opt/cw/causeway.toml", layout.Targets[^1].Path);
    }

    [Fact]
    public void A_provider_file_the_config_does_not_name_is_refused()
    {
        var contents = BackupTestData.Contents();
        contents = contents with { Provider = contents.Provider.Add(new BackupFile(BackupRole.Provider, "cron.sh", PkiFileModes.File, "#!/bin/sh\n")) };

        var error = Refused(contents);

        var problem = Assert.Single(error.Problems);
        Assert.Equal("provider \"cron.sh\"", problem.Where);
        Assert.Contains("the config does not name /etc/causeway/cron.sh", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_file_with_the_configs_own_name_is_refused()
    {
        var contents = BackupTestData.Contents();
        contents = contents with { Provider = contents.Provider.Add(new BackupFile(BackupRole.Provider, "causeway.toml", PkiFileModes.File, "x")) };

        Assert.Contains("has the name of the config itself", Assert.Single(Refused(contents).Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_that_names_a_provider_file_elsewhere_cannot_smuggle_it_in_by_name()
    {
        // The config names /etc/passwd; the bundle's "passwd" would go to /etc/causeway/passwd, which it does not name.
        var contents = BackupTestData.Contents();
        contents = contents with
        {
            Config = contents.Config with { Text = contents.Config.Text.Replace("auth = \"provider.auth\"", "auth = \"/etc/passwd\"", StringComparison.Ordinal) },
            Provider = [.. contents.Provider.Where(f => f.Name != "provider.auth"), new BackupFile(BackupRole.Provider, "passwd", PkiFileModes.File, "root::0:0::/:/bin/sh\n")],
        };

        var error = Refused(contents);

        Assert.Contains("the config does not name /etc/causeway/passwd", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_the_config_names_that_the_bundle_lacks_are_listed_for_the_user()
    {
        var contents = BackupTestData.Contents();
        contents = contents with { Provider = [.. contents.Provider.Where(f => f.Name == "provider.ovpn")] };

        var layout = Plan(contents);

        Assert.Equal(2, layout.NotInBundle.Length);
        Assert.Contains("egress.auth: /etc/causeway/provider.auth", layout.NotInBundle);
        Assert.Contains("a file the profile names: /etc/causeway/provider-ca.crt", layout.NotInBundle);
    }

    [Fact]
    public void Without_the_profile_the_files_it_names_are_unknown_and_said_so()
    {
        var layout = Plan(BackupTestData.Contents() with { Provider = [] });

        Assert.Contains("egress.profile: /etc/causeway/provider.ovpn", layout.NotInBundle);
        Assert.Contains(layout.NotInBundle, n => n.Contains("the files the profile names, if any", StringComparison.Ordinal));
    }

    [Fact]
    public void A_config_that_does_not_load_is_refused_with_its_line()
    {
        var contents = BackupTestData.Contents();
        contents = contents with { Config = contents.Config with { Text = contents.Config.Text + "[egress]\nprofile = 1\n" } };

        var problem = Refused(contents).Problems[0];

        Assert.Equal("config", problem.Where);
        Assert.Contains("the config in the bundle, placed at /etc/causeway/causeway.toml, does not load: /etc/causeway/causeway.toml:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_whose_state_dir_is_a_directory_the_host_shares_is_refused()
    {
        var contents = BackupTestData.Contents();
        contents = contents with { Config = contents.Config with { Text = "[instance]\nstate_dir = \"/etc\"\n" + contents.Config.Text } };

        Assert.Contains(Refused(contents).Problems, p => p.Message.Contains("instance.state_dir", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ca.key")]
    [InlineData("server.key")]
    [InlineData("tls-crypt.key")]
    public void A_pki_without_one_of_its_keys_is_refused(string missing)
    {
        var problem = Assert.Single(Refused(BackupTestData.WithAccess(missing, null)).Problems);

        Assert.Equal($"access \"{missing}\"", problem.Where);
        Assert.Contains("is missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_key_that_is_not_the_server_certificates_is_refused()
    {
        using var other = CertificateAuthority.Create("other", BackupTestData.Now - TimeSpan.FromDays(1), TimeSpan.FromDays(30));

        var error = Refused(BackupTestData.WithAccess("server.key", other.PrivateKeyPem));

        Assert.Contains(error.Problems, p => p.Where.StartsWith("access \"server", StringComparison.Ordinal));
    }

    [Fact]
    public void A_crl_from_another_ca_is_refused()
    {
        using var other = CertificateAuthority.Create("other", BackupTestData.Now - TimeSpan.FromDays(1), TimeSpan.FromDays(30));

        var error = Refused(BackupTestData.WithAccess("crl.pem", other.CreateCrl([], 1, BackupTestData.Now, TimeSpan.FromDays(30))));

        Assert.Contains(error.Problems, p => p.Where == "access \"crl.pem\"");
    }

    [Fact]
    public void A_crl_that_forgets_a_revoked_client_is_refused_so_the_lost_phone_stays_out()
    {
        // Signed by the right CA, current, but empty: the registry says "lost" was revoked.
        using var ca = CertificateAuthority.Load(BackupTestData.AccessFile("ca.crt").Text, BackupTestData.AccessFile("ca.key").Text);

        var error = Refused(BackupTestData.WithAccess("crl.pem", ca.CreateCrl([], 3, BackupTestData.Now, TimeSpan.FromDays(30))));

        var problem = Assert.Single(error.Problems);
        Assert.Contains($"does not list client \"lost\" (serial {BackupTestData.RevokedSerial})", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_crl_is_accepted_as_up_accepts_it_and_renews_it()
    {
        using var ca = CertificateAuthority.Load(BackupTestData.AccessFile("ca.crt").Text, BackupTestData.AccessFile("ca.key").Text);
        var expired = ca.CreateCrl([new RevokedEntry(BackupTestData.RevokedSerial, BackupTestData.Now - TimeSpan.FromDays(200))], 2, BackupTestData.Now - TimeSpan.FromDays(200), TimeSpan.FromDays(90));

        var layout = Plan(BackupTestData.WithAccess("crl.pem", expired));

        Assert.Contains(layout.Targets, t => t.File.Name == "crl.pem");
    }

    [Fact]
    public void A_damaged_registry_is_refused()
    {
        var problem = Assert.Single(Refused(BackupTestData.WithAccess("clients.json", "{\"version\": 1")).Problems);

        Assert.Equal("access \"clients.json\"", problem.Where);
    }

    [Fact]
    public void A_host_without_access_restores_its_config_and_provider_files_only()
    {
        var contents = BackupTestData.Contents() with { Access = [] };

        var layout = Plan(contents);

        Assert.DoesNotContain(layout.Targets, t => t.File.Role == BackupRole.Access);
        Assert.Equal(4, layout.Targets.Length);
    }
}
