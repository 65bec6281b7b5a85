using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>Valid TOML that is not a Causeway config: unknown sections and keys, values of the wrong type.</summary>
public sealed class ConfigStructureErrorTests
{
    [Fact]
    public void An_unknown_key_is_an_error_with_a_suggestion()
    {
        var error = ConfigAssert.SingleError("""
            [overlay]
            zerotier_netwrk = "8bd5124fd6f4d0a1"
            zerotier_network = "8bd5124fd6f4d0a1"

            [egress]
            profile = "provider.ovpn"
            """);

        ConfigAssert.At(error, 2, 1, "unknown key \"zerotier_netwrk\" in [overlay]");
        Assert.Equal("did you mean \"zerotier_network\"?", error.Fix);
    }

    [Theory]
    [InlineData("subnet", "subnets")]
    [InlineData("allowlan", "allow_lan")]
    [InlineData("masquerade_lans", "masquerade_lan")]
    [InlineData("Interface", "interface")]
    public void Typos_suggest_the_key_meant(string typed, string meant)
    {
        var error = ConfigAssert.SingleError(ConfigAssert.Minimal.Replace("[egress]", $"{typed} = 1\n[egress]", StringComparison.Ordinal));

        Assert.Equal($"did you mean \"{meant}\"?", error.Fix);
    }

    [Fact]
    public void A_key_in_the_wrong_section_says_where_it_belongs()
    {
        var error = ConfigAssert.SingleError(ConfigAssert.Minimal + "\nnft_table = \"cw\"");

        ConfigAssert.At(error, 6, 1, "unknown key \"nft_table\" in [egress]");
        Assert.Equal("nft_table belongs under [instance]", error.Fix);
    }

    [Fact]
    public void An_unknown_key_with_nothing_close_lists_the_sections_keys()
    {
        var error = ConfigAssert.SingleError("[instance]\nwhatever = 1\n" + ConfigAssert.Minimal);

        ConfigAssert.At(error, 2, 1, "unknown key \"whatever\" in [instance]");
        Assert.Equal("[instance] has name, state_dir, run_dir, nft_table, route_table, rule_priority, reconcile_interval_seconds", error.Fix);
    }

    [Fact]
    public void An_unknown_section_is_reported_once_at_its_first_header()
    {
        var result = ConfigAssert.Load(ConfigAssert.Minimal + """

            [egres]
            device = "tun1"
            [egres.more]
            """);

        var error = Assert.Single(result.Diagnostics);
        ConfigAssert.At(error, 6, 2, "unknown section [egres]");
        Assert.Equal("did you mean [egress]?", error.Fix);
    }

    [Fact]
    public void An_unknown_section_with_nothing_close_lists_the_sections()
    {
        var error = ConfigAssert.SingleError(ConfigAssert.Minimal + "\n[logging]\nlevel = \"debug\"");

        ConfigAssert.At(error, 6, 2, "unknown section [logging]");
        Assert.Equal("Causeway reads [instance], [overlay], [egress], [access], [service]", error.Fix);
    }

    [Fact]
    public void An_unknown_key_in_the_access_section_lists_its_keys()
    {
        var error = ConfigAssert.SingleError(ConfigAssert.Minimal + """

            [access]
            ports = ["udp:1194", "tcp:443"]
            """);

        ConfigAssert.At(error, 7, 1, "unknown key \"ports\" in [access]");
        Assert.StartsWith("[access] has public_address, udp_port, tcp_port, pool", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_access_section_has_no_sub_tables_in_any_spelling()
    {
        var result = ConfigAssert.Load(ConfigAssert.Minimal + "\n[access.phones]\nport = 443\n");
        ConfigAssert.At(Assert.Single(result.Diagnostics), 6, 2, "unknown key \"phones\" in [access]");

        result = ConfigAssert.Load("access.udp_prot = 443\n" + ConfigAssert.Minimal);
        var error = Assert.Single(result.Diagnostics);
        ConfigAssert.At(error, 1, 1, "unknown key \"udp_prot\" in [access]");
        Assert.Equal("did you mean \"udp_port\"?", error.Fix);
    }

    [Fact]
    public void A_key_outside_any_section_says_which_section_it_belongs_in()
    {
        var error = ConfigAssert.SingleError("device = \"tun1\"\n" + ConfigAssert.Minimal);

        ConfigAssert.At(error, 1, 1, "device: a key outside any section");
        Assert.Equal("move it under [egress]", error.Fix);
    }

    [Fact]
    public void An_unknown_key_outside_any_section_is_an_error()
    {
        var error = ConfigAssert.SingleError("verbose = true\n" + ConfigAssert.Minimal);

        ConfigAssert.At(error, 1, 1, "unknown key \"verbose\" outside any section");
    }

    [Fact]
    public void A_section_is_a_table_not_an_array_of_tables()
    {
        var error = ConfigAssert.SingleError("[[instance]]\nname = \"a\"\n" + ConfigAssert.Minimal);

        ConfigAssert.At(error, 1, 3, "[[instance]]: instance is a table, not an array of tables");
        Assert.Equal("write [instance]", error.Fix);
    }

    [Fact]
    public void A_section_given_a_scalar_is_an_error()
    {
        var error = ConfigAssert.SingleError("instance = \"main\"\n" + ConfigAssert.Minimal);

        ConfigAssert.At(error, 1, 12, "instance: expected a table ([instance]), found a string (\"main\")");
    }

    [Fact]
    public void Sections_have_no_sub_tables()
    {
        var error = ConfigAssert.SingleError(ConfigAssert.Minimal + "\n[egress.tuning]\nping_seconds = 1\n");
        ConfigAssert.At(error, 6, 2, "unknown key \"tuning\" in [egress]");

        error = ConfigAssert.SingleError(ConfigAssert.Minimal + "\n[egress.device]\nname = \"tun1\"\n");
        ConfigAssert.At(error, 6, 2, "[egress.device]: egress.device is a string, not a table");

        error = ConfigAssert.SingleError(ConfigAssert.Minimal + "\ndevice.name = \"tun1\"\n");
        ConfigAssert.At(error, 6, 1, "egress.device.name: egress.device is a string, not a table");
    }

    [Theory]
    [InlineData("route_table = \"7270\"", 2, 15, "instance.route_table: expected an integer, found a string (\"7270\")", "remove the quotes: route_table = 7270")]
    [InlineData("route_table = 7270.0", 2, 15, "instance.route_table: expected an integer, found a float (7270.0)", null)]
    [InlineData("route_table = true", 2, 15, "instance.route_table: expected an integer, found a boolean (true)", null)]
    [InlineData("name = 42", 2, 8, "instance.name: expected a string, found an integer (42)", "quote it: name = \"42\"")]
    [InlineData("name = [\"a\"]", 2, 8, "instance.name: expected a string, found an array", null)]
    [InlineData("name = { a = 1 }", 2, 8, "instance.name: expected a string, found a table", null)]
    [InlineData("name = 1979-05-27", 2, 8, "instance.name: expected a string, found a date-time", null)]
    public void A_value_of_the_wrong_type_names_the_type_expected(string line, int atLine, int atColumn, string message, string? fix)
    {
        var error = ConfigAssert.SingleError($"[instance]\n{line}\n" + ConfigAssert.Minimal);

        ConfigAssert.At(error, atLine, atColumn, message);
        Assert.Equal(message, error.Message);
        Assert.Equal(fix, error.Fix);
    }

    [Fact]
    public void An_all_digit_network_id_written_without_quotes_is_told_to_quote_it()
    {
        var error = ConfigAssert.SingleError("""
            [overlay]
            zerotier_network = 1234567890123456
            [egress]
            profile = "provider.ovpn"
            """);

        ConfigAssert.At(error, 2, 20, "overlay.zerotier_network: expected a string, found an integer (1234567890123456)");
        Assert.Equal("quote it: zerotier_network = \"1234567890123456\"", error.Fix);
    }

    [Fact]
    public void Booleans_and_arrays_name_their_type_and_the_fix()
    {
        var result = ConfigAssert.Load("""
            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"
            masquerade_lan = "false"
            allow_lan = "192.168.1.0/24"
            [egress]
            profile = "provider.ovpn"
            """);

        Assert.Collection(
            result.Diagnostics,
            d =>
            {
                ConfigAssert.At(d, 3, 18, "overlay.masquerade_lan: expected a boolean (true or false), found a string (\"false\")");
                Assert.Equal("remove the quotes: masquerade_lan = false", d.Fix);
            },
            d =>
            {
                ConfigAssert.At(d, 4, 13, "overlay.allow_lan: expected an array of strings, found a string (\"192.168.1.0/24\")");
                Assert.Equal("make it an array: allow_lan = [\"192.168.1.0/24\"]", d.Fix);
            });
    }

    [Fact]
    public void Each_array_element_of_the_wrong_type_is_reported_and_the_rest_still_checked()
    {
        var result = ConfigAssert.Load("""
            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"
            allow_lan = [192, "192.168.1.0/24", true, "10.0.0.1/8"]
            [egress]
            profile = "provider.ovpn"
            """);

        Assert.Collection(
            result.Diagnostics,
            d =>
            {
                ConfigAssert.At(d, 3, 14, "overlay.allow_lan[0]: expected a string, found an integer (192)");
                Assert.Equal("quote it: \"192\"", d.Fix);
            },
            d => ConfigAssert.At(d, 3, 37, "overlay.allow_lan[2]: expected a string, found a boolean (true)"),
            d => ConfigAssert.At(d, 3, 43, "overlay.allow_lan[3]: \"10.0.0.1/8\" has host bits set"));
    }

    [Fact]
    public void A_required_key_of_the_wrong_type_is_not_also_reported_missing()
    {
        var error = ConfigAssert.SingleError("""
            [overlay]
            zerotier_network = "8bd5124fd6f4d0a1"
            [egress]
            profile = ["provider.ovpn"]
            """);

        ConfigAssert.At(error, 4, 11, "egress.profile: expected a string, found an array");
    }
}
