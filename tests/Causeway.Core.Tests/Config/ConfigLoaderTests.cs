using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Xunit;

namespace Causeway.Core.Tests.Config;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Minimal_config_gets_every_default()
    {
        var settings = ConfigAssert.Loads(ConfigAssert.Minimal).Settings!;

        Assert.Equal(ConfigAssert.File, settings.ConfigPath);
        Assert.Equal(new InstanceSettings("causeway", "/var/lib/causeway", "/run/causeway", "causeway", 7270, 7270, TimeSpan.FromSeconds(10)), settings.Instance);
        var zeroTier = Assert.IsType<ZeroTierOverlaySource>(settings.Overlay.Source);
        Assert.Equal(new ZeroTierOverlaySource("8bd5124fd6f4d0a1", "/var/lib/zerotier-one", null, TimeSpan.FromSeconds(30)), zeroTier);
        Assert.Empty(settings.Overlay.AllowedLans);
        Assert.True(settings.Overlay.MasqueradeLans);
        Assert.Equal("/etc/causeway/provider.ovpn", settings.Egress.ProfilePath);
        Assert.Null(settings.Egress.AuthPath);
        Assert.Null(settings.Egress.FallbackDns);
        Assert.Equal("tuncw0", settings.Egress.DeviceName);
        Assert.Equal(TunnelTuning.Default, settings.Egress.Tuning);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var settings = ConfigAssert.Loads("""
            [instance]
            name = "lab-uno"
            state_dir = "/var/lib/cw-lab/"
            run_dir = "/run/cw-lab"
            nft_table = "cw_lab"
            route_table = 100
            rule_priority = 200
            reconcile_interval_seconds = 5

            [overlay]
            interface = "wg0"
            subnets = ["10.147.17.0/24", "fdcc:ca5e::/64"]
            allow_lan = ["192.168.1.0/24"]
            masquerade_lan = false

            [egress]
            profile = "/srv/vpn/provider.ovpn"
            auth = "secrets/provider.auth"
            fallback_dns = "9.9.9.9"
            device = "tunlab"
            ping_seconds = 2
            ping_restart_seconds = 10
            fast_io = false
            socket_buffer_bytes = 0
            txqueuelen = 500
            """).Settings!;

        Assert.Equal(new InstanceSettings("lab-uno", "/var/lib/cw-lab", "/run/cw-lab", "cw_lab", 100, 200, TimeSpan.FromSeconds(5)), settings.Instance);
        var overlay = Assert.IsType<InterfaceOverlaySource>(settings.Overlay.Source);
        Assert.Equal("wg0", overlay.InterfaceName);
        Assert.Equal([IPNetwork.Parse("10.147.17.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")], overlay.Subnets);
        Assert.Equal([IPNetwork.Parse("192.168.1.0/24")], settings.Overlay.AllowedLans);
        Assert.False(settings.Overlay.MasqueradeLans);
        Assert.Equal("/srv/vpn/provider.ovpn", settings.Egress.ProfilePath);
        Assert.Equal("/etc/causeway/secrets/provider.auth", settings.Egress.AuthPath);
        Assert.Equal(IPAddress.Parse("9.9.9.9"), settings.Egress.FallbackDns);
        Assert.Equal("tunlab", settings.Egress.DeviceName);
        Assert.Equal(new TunnelTuning(2, 10, false, 0, 500), settings.Egress.Tuning);
    }

    [Fact]
    public void ZeroTier_settings_are_read_and_the_network_id_is_lowercased()
    {
        var settings = ConfigAssert.Loads("""
            [overlay]
            zerotier_network = "8BD5124FD6F4D0A1"
            zerotier_home = "zt-home"
            zerotier_port = 9994
            zerotier_wait_seconds = 0

            [egress]
            profile = "provider.ovpn"
            """).Settings!;

        Assert.Equal(
            new ZeroTierOverlaySource("8bd5124fd6f4d0a1", "/etc/causeway/zt-home", 9994, TimeSpan.Zero),
            settings.Overlay.Source);
    }

    [Theory]
    [InlineData("/etc/causeway/causeway.toml", "provider.ovpn", "/etc/causeway/provider.ovpn")]
    [InlineData("/etc/causeway/causeway.toml", "./vpn/../provider.ovpn", "/etc/causeway/provider.ovpn")]
    [InlineData("/etc/causeway/causeway.toml", "../shared//provider.ovpn", "/etc/shared/provider.ovpn")]
    [InlineData("/etc/causeway/causeway.toml", "/srv/provider.ovpn", "/srv/provider.ovpn")]
    [InlineData("/causeway.toml", "../../provider.ovpn", "/provider.ovpn")]
    [InlineData("causeway.toml", "provider.ovpn", "provider.ovpn")]
    [InlineData("conf/causeway.toml", "../provider.ovpn", "provider.ovpn")]
    public void Relative_paths_are_relative_to_the_config_files_directory(string configPath, string written, string expected)
    {
        var result = ConfigLoader.Load($"""
            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"
            [egress]
            profile = "{written}"
            auth = "{written}"
            """, configPath);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(expected, result.Settings!.Egress.ProfilePath);
        Assert.Equal(expected, result.Settings.Egress.AuthPath);
    }

    [Fact]
    public void Sections_may_be_written_as_dotted_keys_and_inline_tables()
    {
        var settings = ConfigAssert.Loads("""
            instance.name = "dotted"
            overlay = { zerotier_network = "8bd5124fd6f4d0a1", allow_lan = ["192.168.1.0/24"] }

            [egress]
            profile = "provider.ovpn"
            "device" = "tunq"
            """).Settings!;

        Assert.Equal("dotted", settings.Instance.Name);
        Assert.Equal([IPNetwork.Parse("192.168.1.0/24")], settings.Overlay.AllowedLans);
        Assert.Equal("tunq", settings.Egress.DeviceName);
    }

    [Fact]
    public void Integers_may_be_written_in_any_TOML_form()
    {
        var settings = ConfigAssert.Loads(ConfigAssert.Minimal + """

            socket_buffer_bytes = 0x20_0000
            txqueuelen = 1_000
            """).Settings!;

        Assert.Equal(2 * 1024 * 1024, settings.Egress.Tuning.SocketBufferBytes);
        Assert.Equal(1000, settings.Egress.Tuning.TxQueueLength);
    }

    [Fact]
    public void A_clean_config_has_no_diagnostics()
    {
        Assert.Empty(ConfigAssert.Loads(ConfigAssert.Minimal).Diagnostics);
    }
}
