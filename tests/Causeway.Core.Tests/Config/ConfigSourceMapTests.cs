using Causeway.Core.Config;
using Xunit;

namespace Causeway.Core.Tests.Config;

public sealed class ConfigSourceMapTests
{
    private const string Toml = """
        # comment
        [instance]
          name = "indented"

        [overlay]
        interface = "wg0"
        subnets = [
            "10.147.17.0/24",
            "fdcc:ca5e::/64",
        ]
        egress.profile = "provider.ovpn"
        """;

    private readonly ConfigSourceMap _sources = ConfigAssert.Loads(Toml.Replace("egress.profile", "\n[egress]\nprofile", StringComparison.Ordinal)).Sources;

    [Fact]
    public void Sections_are_at_their_header_name()
    {
        Assert.Equal(new ConfigSourceEntry(new(2, 2), new(2, 2)), Entry("instance"));
        Assert.Equal(new ConfigSourceEntry(new(5, 2), new(5, 2)), Entry("overlay"));
    }

    [Fact]
    public void Keys_have_the_position_of_the_key_and_of_the_value()
    {
        Assert.Equal(new ConfigSourceEntry(new(3, 3), new(3, 10)), Entry("instance.name"));
        Assert.Equal(new ConfigSourceEntry(new(6, 1), new(6, 13)), Entry("overlay.interface"));
        Assert.Equal(new ConfigSourceEntry(new(7, 1), new(7, 11)), Entry("overlay.subnets"));
    }

    [Fact]
    public void Array_elements_are_at_their_value()
    {
        Assert.Equal(new ConfigSourcePosition(8, 5), _sources.Locate("overlay.subnets[0]"));
        Assert.Equal(new ConfigSourcePosition(9, 5), _sources.Locate("overlay.subnets[1]"));
    }

    [Fact]
    public void Locate_falls_back_to_what_encloses_a_key_that_was_not_written()
    {
        Assert.Equal(new ConfigSourcePosition(7, 11), _sources.Locate("overlay.subnets[7]"));
        Assert.Equal(new ConfigSourcePosition(5, 2), _sources.Locate(ConfigKeys.OverlayAllowLan));
        Assert.Equal(new ConfigSourcePosition(6, 1), _sources.LocateKey(ConfigKeys.OverlayInterface));
        Assert.Equal(ConfigSourcePosition.None, ConfigAssert.Loads(ConfigAssert.Minimal).Sources.Locate(ConfigKeys.InstanceName));
        Assert.False(_sources.Contains(ConfigKeys.OverlayAllowLan));
    }

    [Fact]
    public void Dotted_keys_and_inline_tables_are_mapped_too()
    {
        var sources = ConfigAssert.Loads("""
            overlay = { zerotier_network = "8bd5124fd6f4d0a1" }
            egress.profile = "provider.ovpn"
            """).Sources;

        Assert.Equal(new ConfigSourceEntry(new(1, 1), new(1, 1)), sources.TryGet("overlay", out var overlay) ? overlay : null);
        Assert.Equal(new ConfigSourceEntry(new(1, 13), new(1, 32)), sources.TryGet(ConfigKeys.OverlayZeroTierNetwork, out var network) ? network : null);
        Assert.Equal(new ConfigSourceEntry(new(2, 1), new(2, 18)), sources.TryGet(ConfigKeys.EgressProfile, out var profile) ? profile : null);
        Assert.Equal(["egress", "egress.profile", "overlay", "overlay.zerotier_network"], sources.Paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_key_written_is_in_the_map_even_when_the_config_has_errors()
    {
        var result = ConfigAssert.Load(ConfigAssert.Minimal + "\ndevice = \"wg0\"\nbogus = 1\n");

        Assert.False(result.Succeeded);
        Assert.True(result.Sources.Contains(ConfigKeys.EgressDevice));
        Assert.False(result.Sources.Contains("egress.bogus"));
        Assert.Equal(ConfigAssert.File, result.Sources.File);
    }

    [Fact]
    public void Malformed_TOML_gives_an_empty_map()
    {
        var result = ConfigAssert.Load("[overlay\n");

        Assert.Empty(result.Sources.Paths);
        Assert.Equal(ConfigSourcePosition.None, result.Sources.Locate(ConfigKeys.Overlay));
    }

    private ConfigSourceEntry? Entry(string path) => _sources.TryGet(path, out var entry) ? entry : null;
}
