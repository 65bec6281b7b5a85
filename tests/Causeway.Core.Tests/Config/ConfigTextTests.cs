using System.Text;
using Causeway.Core.Config;
using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>
/// What is checked before the TOML parser runs: the bytes are UTF-8 (said as such, with the line), and nesting is
/// bounded (the parser throws past 64 levels, which used to end the process with a stack trace and exit 1).
/// </summary>
public sealed class ConfigTextTests
{
    [Theory]
    [InlineData("[egress]\nprofile = ", "[", "]")]
    [InlineData("x = ", "{a=", "}")]
    [InlineData("[egress]\nprofile = ", "[", "")]
    [InlineData("x = ", "[{a=", "")]
    public void Deep_nesting_is_one_error_at_the_bracket_that_goes_too_deep(string prefix, string open, string close)
    {
        var toml = prefix + string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000)) + "\n";

        var error = ConfigAssert.SingleError(toml);

        Assert.Equal(2 - (prefix.Contains('\n', StringComparison.Ordinal) ? 0 : 1), error.Line);
        Assert.Contains($"nested more than {ConfigText.MaxNesting} deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Brackets_in_strings_and_comments_do_not_count_as_nesting()
    {
        var brackets = new string('[', 100);
        var braces = new string('{', 100);
        ConfigAssert.Loads(string.Join(
            '\n',
            "# " + brackets,
            "[instance]",
            "name = \"causeway\" # " + brackets,
            "[overlay]",
            "zerotier_network = \"8bd5124fd6f4d0a1\"",
            "zerotier_home = '/var/lib/zt" + braces + "'",
            "[egress]",
            "profile = \"provider" + brackets + "\\\"].ovpn\"",
            "fallback_dns = '''9.9.9.9'''",
            "device = \"\"\"tuncw0\"\"\""));
    }

    [Fact]
    public void Nesting_within_the_bound_reaches_the_parser_as_before()
    {
        var inner = string.Concat(Enumerable.Repeat("[", ConfigText.MaxNesting)) + string.Concat(Enumerable.Repeat("]", ConfigText.MaxNesting));

        var error = ConfigAssert.SingleError($"{ConfigAssert.Minimal}\nfallback_dns = {inner}\n");

        Assert.DoesNotContain("nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_named_with_their_line_not_as_utf16_surrogates()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("[overlay]\ninterface = \"ov0\"\n[egress]\nprofile = \"p"), 0xE9, .. Encoding.UTF8.GetBytes(".ovpn\"\n")];

        var result = ConfigLoader.Load(bytes, ConfigAssert.File);

        var error = Assert.Single(result.Diagnostics);
        ConfigAssert.At(error, 4, 13, "the file is not UTF-8 (line 4): byte 0xE9 at column 13 is not valid UTF-8");
        Assert.StartsWith("save the file as UTF-8", error.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("UTF-16", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_file_is_named_as_such()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(ConfigAssert.Minimal)).ToArray();

        var error = Assert.Single(ConfigLoader.Load(bytes, ConfigAssert.File).Diagnostics);

        ConfigAssert.At(error, 1, 1, "the file is not UTF-8 (line 1): it is UTF-16");
    }

    [Fact]
    public void Utf8_with_or_without_a_byte_order_mark_loads()
    {
        var plain = Encoding.UTF8.GetBytes(ConfigAssert.Minimal + "\n# café\n");

        Assert.True(ConfigLoader.Load(plain, ConfigAssert.File).Succeeded);
        Assert.True(ConfigLoader.Load([0xEF, 0xBB, 0xBF, .. plain], ConfigAssert.File).Succeeded);
    }
}
