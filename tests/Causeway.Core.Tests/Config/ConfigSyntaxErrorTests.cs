using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>Malformed TOML: Tomlyn's parser errors, with their positions.</summary>
public sealed class ConfigSyntaxErrorTests
{
    [Fact]
    public void A_missing_value_is_reported_at_its_line_and_column()
    {
        var error = ConfigAssert.SingleError("""
            [instance]
            route_table =
            """);

        ConfigAssert.At(error, 2, 14, "invalid TOML: Unexpected token `<eof>` for a value");
        Assert.Equal("give a value after '=', e.g. a \"string\", a number or true/false", error.Fix);
    }

    [Fact]
    public void Independent_syntax_errors_are_all_reported_one_per_line()
    {
        var result = ConfigAssert.Load("""
            [instance]
            route_table =
            name = "ok"
            [overlay]
            masquerade_lan = tru
            allow_lan = [1 2]
            zerotier_network = "8bd5124fd6f4d0a1"
            [egress

            """);

        Assert.Null(result.Settings);
        Assert.Equal([(2, 14), (5, 18), (6, 16), (8, 8)], result.Diagnostics.Select(d => (d.Line, d.Column)));
        Assert.All(result.Diagnostics, d => Assert.StartsWith("invalid TOML: ", d.Message, StringComparison.Ordinal));
        Assert.Empty(result.Sources.Paths);
    }

    [Fact]
    public void A_section_header_without_its_bracket_is_one_error_not_two()
    {
        // Tomlyn swallows the newline and misreads `zerotier_network` as part of the header: not a second mistake.
        var error = ConfigAssert.SingleError("""
            [overlay
            zerotier_network = "8bd5124fd6f4d0a1"
            """);

        ConfigAssert.At(error, 1, 9, "invalid TOML: Unexpected token found");
    }

    [Fact]
    public void An_unterminated_string_is_the_last_error_reported()
    {
        // Everything after it is misread as string content: reporting that would only be noise.
        var error = ConfigAssert.SingleError("""
            [instance]
            name = "causeway
            route_table = 7270
            [overlay]
            """);

        ConfigAssert.At(error, 2, 17, "invalid TOML: Invalid newline in a string");
        Assert.Equal("close the string with a quote on the same line; use \"\"\" for text over several lines", error.Fix);
    }

    [Fact]
    public void A_duplicate_key_is_a_syntax_error_at_the_second_one()
    {
        var error = ConfigAssert.SingleError(ConfigAssert.Minimal + """

            device = "tun1"
            device = "tun2"
            """);

        ConfigAssert.At(error, 7, 1, "invalid TOML: The key `egress.device` is already defined");
    }

    [Fact]
    public void A_section_defined_twice_is_a_syntax_error()
    {
        var error = ConfigAssert.SingleError(ConfigAssert.Minimal + """

            [overlay]
            allow_lan = []
            """);

        ConfigAssert.At(error, 6, 1, "invalid TOML: The key `overlay` is already defined");
    }
}
