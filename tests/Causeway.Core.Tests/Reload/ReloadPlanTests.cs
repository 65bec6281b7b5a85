using System.Reflection;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Core.Reload;
using Causeway.Core.Tests.Config;
using Xunit;

namespace Causeway.Core.Tests.Reload;

/// <summary>What a reload restarts, from the difference between the running config and the one read again.</summary>
public sealed class ReloadPlanTests
{
    private const string Instance = """
        [instance]
        reconcile_interval_seconds = 2

        """;

    private const string Overlay = """
        [overlay]
        zerotier_network = "8bd5124fd6f4d0a1"
        allow_lan = ["192.168.1.0/24"]

        """;

    private const string Egress = """
        [egress]
        profile = "provider.ovpn"
        auth = "provider.auth"
        fallback_dns = "9.9.9.9"

        """;

    private const string Access = """
        [access]
        public_address = "vpn.example.net"

        """;

    private static CausewaySettings Load(string text) => ConfigAssert.Loads(text).Settings!;

    private static ReloadPlan Between(string before, string after) => ReloadPlan.Between(Load(before), Load(after));

    /// <summary>The repository root: the first directory up from the test binary that holds Causeway.slnx.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Causeway.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Causeway.slnx above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void The_same_config_is_an_empty_plan()
    {
        var plan = Between(Instance + Overlay + Egress + Access, Instance + Overlay + Egress + Access);

        Assert.True(plan.IsEmpty);
        Assert.False(plan.IsRefused);
        Assert.False(plan.RestartsTunnel || plan.RestartsAccessServers || plan.RestartsHops || plan.ChangesInterval);
    }

    [Fact]
    public void Spelling_a_default_out_changes_nothing()
    {
        var plan = Between(Overlay + Egress, Overlay + Egress.Replace("[egress]", "[egress]\ndevice = \"tuncw0\"\nping_seconds = 1", StringComparison.Ordinal));

        Assert.True(plan.IsEmpty, string.Join("; ", plan.Changes));
    }

    [Theory]
    [InlineData("fallback_dns = \"9.9.9.9\"", "fallback_dns = \"1.1.1.1\"", ConfigKeys.EgressFallbackDns)]
    [InlineData("allow_lan = [\"192.168.1.0/24\"]", "allow_lan = [\"192.168.1.0/24\", \"192.168.2.0/24\"]", ConfigKeys.OverlayAllowLan)]
    [InlineData("allow_lan = [\"192.168.1.0/24\"]", "allow_lan = [\"192.168.1.0/24\"]\nmasquerade_lan = false", ConfigKeys.OverlayMasqueradeLan)]
    public void A_routing_or_firewall_key_is_applied_by_the_reconcile_and_restarts_nothing(string from, string to, string key)
    {
        var config = Instance + Overlay + Egress;
        var plan = Between(config, config.Replace(from, to, StringComparison.Ordinal));

        var change = Assert.Single(plan.Changes);
        Assert.Equal((key, ReloadEffect.Reconcile), (change.Key, change.Effect));
        Assert.False(plan.IsRefused || plan.RestartsTunnel || plan.RestartsAccessServers || plan.RestartsHops || plan.ChangesInterval);
        Assert.Equal("nothing (the reconcile applies it)", plan.Restarts());
    }

    [Fact]
    public void The_reconcile_interval_changes_the_loop_only()
    {
        var plan = Between(Instance + Overlay + Egress, Instance.Replace("= 2", "= 5", StringComparison.Ordinal) + Overlay + Egress);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ConfigKeys.InstanceReconcileIntervalSeconds, change.Key);
        Assert.Equal("instance.reconcile_interval_seconds 2 → 5", change.ToString());
        Assert.True(plan.ChangesInterval);
        Assert.False(plan.RestartsTunnel || plan.RestartsHops || plan.IsRefused);
    }

    [Theory]
    [InlineData("profile = \"other.ovpn\"")]
    [InlineData("auth = \"other.auth\"")]
    [InlineData("device = \"tuncw1\"")]
    [InlineData("ping_seconds = 2")]
    [InlineData("ping_restart_seconds = 10")]
    [InlineData("fast_io = false")]
    [InlineData("socket_buffer_bytes = 0")]
    [InlineData("txqueuelen = 500")]
    public void A_tunnel_option_restarts_the_tunnel_and_its_hop_watch_and_nothing_else(string line)
    {
        var key = line.Split(' ')[0];
        var changed = Egress.Contains(key + " =", StringComparison.Ordinal)
            ? string.Join('\n', Egress.Split('\n').Select(l => l.StartsWith(key + " =", StringComparison.Ordinal) ? line : l))
            : Egress + line + "\n";
        var plan = Between(Overlay + Egress + Access, Overlay + changed + Access);

        Assert.Equal($"egress.{key}", Assert.Single(plan.Changes).Key);
        Assert.True(plan.RestartsTunnel);
        Assert.True(plan.RestartsHops);
        Assert.False(plan.RestartsAccessServers || plan.IsRefused);
        Assert.Equal("the tunnel, the hop watch", plan.Restarts());
    }

    [Fact]
    public void A_changed_profile_file_behind_the_same_path_restarts_the_tunnel()
    {
        var settings = Load(Overlay + Egress);

        var plan = ReloadPlan.Between(settings, settings, "client\nremote a.example.net\n", "client\nremote b.example.net\n");

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ReloadKeys.ProfileContent, change.Key);
        Assert.Equal(ReloadKeys.ProfileContent, change.ToString());
        Assert.True(plan.RestartsTunnel);
        Assert.True(ReloadPlan.Between(settings, settings, "client\n", "client\n").IsEmpty);
    }

    [Fact]
    public void The_internet_probe_restarts_the_hop_watch_only()
    {
        var plan = Between(Overlay + Egress, Overlay + Egress + "internet_probe = \"none\"\n");

        var change = Assert.Single(plan.Changes);
        Assert.Equal("egress.internet_probe 9.9.9.9 → none", change.ToString());
        Assert.True(plan.RestartsHops);
        Assert.False(plan.RestartsTunnel);
    }

    [Theory]
    [InlineData("udp_port = 1195", ConfigKeys.AccessUdpPort)]
    [InlineData("tcp_port = 0", ConfigKeys.AccessTcpPort)]
    [InlineData("pool = \"10.10.0.0/24\"", ConfigKeys.AccessPool)]
    [InlineData("dns = [\"9.9.9.9\"]", ConfigKeys.AccessDns)]
    [InlineData("client_to_client = true", ConfigKeys.AccessClientToClient)]
    [InlineData("udp_device = \"tuncw-u2\"", ConfigKeys.AccessUdpDevice)]
    public void An_access_server_setting_restarts_the_access_servers_not_the_tunnel(string line, string key)
    {
        var plan = Between(Overlay + Egress + Access, Overlay + Egress + Access + line + "\n");

        Assert.Contains(key, plan.Changes.Select(c => c.Key));
        Assert.All(plan.Changes, c => Assert.Equal(ReloadEffect.AccessServers, c.Effect));
        Assert.True(plan.RestartsAccessServers);
        Assert.False(plan.RestartsTunnel || plan.RestartsHops || plan.IsRefused);
    }

    [Fact]
    public void Masquerading_into_the_overlay_is_the_reconciles()
    {
        var plan = Between(Overlay + Egress + Access, Overlay + Egress + Access + "masquerade_overlay = false\n");

        Assert.Equal(ReloadEffect.Reconcile, Assert.Single(plan.Changes).Effect);
        Assert.False(plan.RestartsAccessServers);
    }

    [Theory]
    [InlineData("name = \"other\"", ConfigKeys.InstanceName)]
    [InlineData("nft_table = \"other\"", ConfigKeys.InstanceNftTable)]
    [InlineData("route_table = 100", ConfigKeys.InstanceRouteTable)]
    [InlineData("rule_priority = 100", ConfigKeys.InstanceRulePriority)]
    [InlineData("state_dir = \"/var/lib/other\"", ConfigKeys.InstanceStateDir)]
    [InlineData("run_dir = \"/run/other\"", ConfigKeys.InstanceRunDir)]
    public void A_name_Causeway_owns_cannot_change_live(string line, string key)
    {
        var plan = Between(Instance + Overlay + Egress, Instance + line + "\n" + Overlay + Egress.Replace("fallback_dns = \"9.9.9.9\"", "fallback_dns = \"1.1.1.1\"", StringComparison.Ordinal));

        Assert.True(plan.IsRefused);
        Assert.Equal([key], plan.RestartRequired);
        Assert.Equal(2, plan.Changes.Length);
    }

    [Fact]
    public void Another_overlay_cannot_change_live()
    {
        var plan = Between(Overlay + Egress, Overlay.Replace("8bd5124fd6f4d0a1", "8bd5124fd6f4d0a2", StringComparison.Ordinal) + Egress);

        Assert.Equal([ConfigKeys.OverlayZeroTierNetwork], plan.RestartRequired);
    }

    [Fact]
    public void Adding_or_removing_access_cannot_change_live()
    {
        Assert.Contains(ReloadKeys.AccessSection, Between(Overlay + Egress, Overlay + Egress + Access).RestartRequired);
        Assert.Contains(ReloadKeys.AccessSection, Between(Overlay + Egress + Access, Overlay + Egress).RestartRequired);
    }

    [Fact]
    public void A_provider_tunnel_cannot_become_an_overlay_gateway_live_but_another_gateway_is_a_restart_of_its_watch()
    {
        const string plain = "[overlay]\ninterface = \"wg0\"\nsubnets = [\"10.147.17.0/24\"]\n\n";
        var gateway = plain + "[egress]\noverlay_gateway = \"10.147.17.5\"\n\n" + Access;

        var switched = Between(plain + Egress + Access, gateway);
        var moved = Between(gateway, gateway.Replace("10.147.17.5", "10.147.17.6", StringComparison.Ordinal));

        Assert.Contains(ReloadKeys.EgressKind, switched.RestartRequired);
        Assert.Equal(ConfigKeys.EgressOverlayGateway, Assert.Single(moved.Changes).Key);
        Assert.True(moved.RestartsTunnel);
        Assert.False(moved.IsRefused);
    }

    [Fact]
    public void Every_key_of_the_config_file_says_what_a_change_of_it_restarts()
    {
        var keys = typeof(ConfigKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetValue(null)!)
            .Where(k => k.Contains('.', StringComparison.Ordinal) || k is ConfigKeys.Egress or ConfigKeys.Access);

        Assert.All(keys, key => Assert.True(ReloadKeys.Effects.ContainsKey(key), $"{key} has no reload effect in ReloadKeys"));
    }

    [Fact]
    public void Every_value_compared_is_a_key_with_an_effect()
    {
        const string plain = "[overlay]\ninterface = \"wg0\"\nsubnets = [\"10.147.17.0/24\"]\n\n";
        var all = SettingsValues.Of(Load(Instance + Overlay + Egress + Access)).Keys
            .Concat(SettingsValues.Of(Load(plain + "[egress]\noverlay_gateway = \"10.147.17.5\"\n\n" + Access)).Keys);

        Assert.All(all, key => Assert.True(ReloadKeys.Effects.ContainsKey(key), $"{key} is compared but has no reload effect"));
    }

    [Fact]
    public void The_table_in_the_docs_names_every_key()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "service.md"));
        var start = docs.IndexOf("### Reload: which keys restart what", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/service.md has no section \"Reload: which keys restart what\"");
        var table = docs[start..];
        table = table[..table.IndexOf("\n## ", StringComparison.Ordinal)];

        var keys = ReloadKeys.Effects.Keys.Except([ReloadKeys.EgressKind, ReloadKeys.AccessSection, ReloadKeys.ProfileContent]);

        // A row names its first key whole (`instance.name`) and the others of its section short (`state_dir`).
        Assert.All(keys, key => Assert.True(
            table.Contains($"`{key}`", StringComparison.Ordinal) || table.Contains($"`{key.Split('.')[^1]}`", StringComparison.Ordinal),
            $"{key} is not in docs/service.md's table"));
    }

    [Fact]
    public void A_key_not_in_the_table_is_refused_live()
    {
        Assert.Equal(ReloadEffect.Restart, ReloadKeys.Of("egress.a_key_added_later"));
    }
}
