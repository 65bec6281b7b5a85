using Causeway.Core.Model;
using Causeway.Core.Profiles;
using Xunit;

namespace Causeway.Core.Tests.Profiles;

/// <summary>The parser must split lines exactly as OpenVPN 2.6 does: any difference is a way past the sanitizer.</summary>
public sealed class ProfileParserTests
{
    private const string Path = "/etc/causeway/provider.ovpn";

    private static OvpnProfile Parse(string text) => ProfileParser.Parse(text, Path);

    private static OvpnDirective Single(string text)
    {
        var profile = Parse(text);
        Assert.Empty(profile.Diagnostics);
        return Assert.Single(profile.Directives);
    }

    private static ProfileDiagnostic SingleError(string text)
    {
        var diagnostic = Assert.Single(Parse(text).Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic;
    }

    [Fact]
    public void Comments_and_blank_lines_are_skipped_and_lines_keep_their_numbers()
    {
        var profile = Parse("# comment\n; another\n   # indented\n\nclient\n\tnobind  \n");

        Assert.Empty(profile.Diagnostics);
        Assert.Equal(["client@5", "nobind@6"], profile.Directives.Select(d => $"{d.Name}@{d.Line}"));
    }

    [Fact]
    public void A_comment_starts_only_where_a_parameter_could_start()
    {
        var profile = Parse("remote vpn.example.net 1194 # the main one\nremote a#b 1194;x\n");

        Assert.Equal(["vpn.example.net", "1194"], profile.Directives[0].Arguments);
        Assert.Equal(["a#b", "1194;x"], profile.Directives[1].Arguments);
    }

    [Fact]
    public void Double_and_single_quotes_keep_spaces()
    {
        var profile = Parse("verify-x509-name \"C=CH, O=Example AG, CN=node-01\" subject\nremote-cert-eku 'TLS Web Server Authentication'\n");

        Assert.Equal(["C=CH, O=Example AG, CN=node-01", "subject"], profile.Directives[0].Arguments);
        Assert.Equal(["TLS Web Server Authentication"], profile.Directives[1].Arguments);
    }

    [Fact]
    public void Backslash_escapes_work_as_in_openvpn()
    {
        Assert.Equal(["a \"b\" \\c"], Single("x \"a \\\"b\\\" \\\\c\"\n").Arguments);
        Assert.Equal(["a b"], Single("x a\\ b\n").Arguments);
        Assert.Equal(["\"quoted"], Single("x \\\"quoted\n").Arguments);

        // Inside single quotes a backslash is an ordinary character.
        Assert.Equal(["c:\\dir\\file"], Single("x 'c:\\dir\\file'\n").Arguments);
    }

    // Option names OpenVPN 2.6.14 reported for these lines ("Unrecognized option ...: <name>"); null = no option.
    [Theory]
    [InlineData("\\#x 1", null)]
    [InlineData("  ;c", null)]
    [InlineData("a\\ b 1", "a b")]
    [InlineData("'a\\' 1", "a\\")]
    [InlineData("x\"y z\" 1", "x\"y")]
    [InlineData("q\\\"w 1", "q\"w")]
    [InlineData("\"\" 1", "")]
    [InlineData("\"a b\"c 1", "a b")]
    public void Option_names_are_what_openvpn_itself_reads(string line, string? name)
    {
        var profile = Parse(line + "\n");

        Assert.Empty(profile.Diagnostics);
        Assert.Equal(name is null ? [] : [name], profile.Directives.Select(d => d.Name));
    }

    [Fact]
    public void A_backslash_before_another_character_is_an_error_naming_the_line()
    {
        var error = SingleError("client\nca c:\\openvpn\\ca.crt\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("bad backslash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_option_name_is_still_that_option_but_quotes_inside_a_word_are_part_of_it()
    {
        Assert.Equal("up", Single("\"up\" /bin/true\n").Name);
        Assert.Equal("up", Single("'up' /bin/true\n").Name);

        var glued = Single("up\"x\" /tmp/evil\n");
        Assert.Equal("up\"x\"", glued.Name);
        Assert.Equal(["/tmp/evil"], glued.Arguments);

        // A closing quote ends the parameter: what follows starts the next one.
        Assert.Equal(["up", "x"], new[] { Single("\"up\"x\n").Name }.Concat(Single("\"up\"x\n").Arguments));
    }

    [Fact]
    public void A_leading_double_dash_is_dropped_from_option_names_as_openvpn_does_in_files()
    {
        Assert.Equal("remote", Single("--remote vpn.example.net 1194\n").Name);

        var block = Single("--<ca>\nPEM\n</ca>\n");
        Assert.Equal("ca", block.Name);
        Assert.Equal("PEM\n", block.InlineContent);
    }

    [Fact]
    public void Crlf_line_endings_and_a_utf8_bom_are_accepted()
    {
        var profile = Parse("\uFEFFclient\r\nremote vpn.example.net 1194\r\n<ca>\r\nPEM\r\n</ca>\r\n");

        Assert.Empty(profile.Diagnostics);
        Assert.Equal("client", profile.Directives[0].Name);
        Assert.Equal(["vpn.example.net", "1194"], profile.Directives[1].Arguments);
        Assert.Equal("PEM\r\n", profile.Directives[2].InlineContent);
    }

    [Fact]
    public void A_bom_later_in_the_file_is_not_skipped()
    {
        var profile = Parse("client\n\uFEFFnobind\n");

        Assert.Equal("\uFEFFnobind", profile.Directives[1].Name);
    }

    [Fact]
    public void A_lone_carriage_return_does_not_end_a_line()
    {
        var remote = Single("remote 192.0.2.1 1194\rup /tmp/evil\n");

        Assert.Equal("remote", remote.Name);
        Assert.Equal(["192.0.2.1", "1194", "up", "/tmp/evil"], remote.Arguments);
    }

    [Fact]
    public void Inline_blocks_keep_their_content_and_the_lines_after_them_keep_their_numbers()
    {
        var profile = Parse("client\n<tls-crypt>\n# comment inside\nkey line\n</tls-crypt>\nnobind\n");

        Assert.Empty(profile.Diagnostics);
        var block = profile.Directives[1];
        Assert.True(block.IsInlineBlock);
        Assert.Equal(("tls-crypt", 2), (block.Name, block.Line));
        Assert.Equal("# comment inside\nkey line\n", block.InlineContent);
        Assert.Equal(("nobind", 6), (profile.Directives[2].Name, profile.Directives[2].Line));
    }

    [Fact]
    public void A_block_ends_at_the_first_line_starting_with_its_closing_tag_whatever_follows_it()
    {
        var profile = Parse("<ca>\nPEM\n   </ca> up /tmp/evil\nnobind\n");

        Assert.Equal(["ca", "nobind"], profile.Directives.Select(d => d.Name));
        Assert.Equal("PEM\n", profile.Directives[0].InlineContent);
    }

    [Fact]
    public void An_opening_tag_followed_by_a_comment_still_opens_a_block()
    {
        var block = Single("<ca> # the provider's CA\nPEM\n</ca>\n");

        Assert.Equal("ca", block.Name);
        Assert.True(block.IsInlineBlock);
    }

    [Fact]
    public void An_unterminated_block_is_an_error_naming_its_opening_line()
    {
        var profile = Parse("client\n<ca>\nPEM\nnobind\n");

        var error = Assert.Single(profile.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Error, 2, "ca"), (error.Severity, error.Line, error.Directive));
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
        Assert.Equal("add a line </ca> after the block's content", error.Fix);
        Assert.Equal(["client"], profile.Directives.Select(d => d.Name));
    }

    [Fact]
    public void A_line_longer_than_openvpn_reads_in_one_piece_is_an_error()
    {
        var longest = "# " + new string('x', ProfileParser.MaxLineBytes - 2);
        Assert.Empty(Parse(longest + "\nclient\n").Diagnostics);

        // OpenVPN would read "up /tmp/evil" as a line of its own.
        var error = SingleError("client\n" + longest + "up /tmp/evil\n");
        Assert.Equal(2, error.Line);
        Assert.Contains("at most 254 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_line_inside_a_block_is_an_error_too_because_openvpn_would_cut_it_and_could_see_the_closing_tag()
    {
        var error = SingleError("<ca>\n" + new string('A', 255) + "</ca>\n</ca>\n");

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Line_length_counts_utf8_bytes()
    {
        var error = SingleError("# " + new string('é', 127) + "\n");

        Assert.Contains("256 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nul_byte_is_an_error_because_openvpn_would_stop_reading_the_line_there()
    {
        var error = SingleError("remote 192.0.2.1\0 up /tmp/evil\n");

        Assert.Equal(1, error.Line);
        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-16LE", true)]
    [InlineData("utf-16BE", true)]
    [InlineData("utf-16LE", false)]
    [InlineData("utf-16BE", false)]
    public void A_utf16_profile_is_one_error_saying_to_save_it_as_utf8(string encodingName, bool byteOrderMark)
    {
        var encoding = System.Text.Encoding.GetEncoding(encodingName);
        var text = "client\r\ndev tun\r\nremote vpn.example.net 1194\r\n" + string.Concat(Enumerable.Repeat("nobind\r\n", 200));
        var bytes = (byteOrderMark ? encoding.GetPreamble() : []).Concat(encoding.GetBytes(text)).ToArray();

        foreach (var profile in new[] { ProfileParser.Parse(bytes, Path), ProfileParser.Parse(System.Text.Encoding.UTF8.GetString(bytes), Path) })
        {
            var error = Assert.Single(profile.Diagnostics);
            Assert.Equal((DiagnosticSeverity.Error, 0), (error.Severity, error.Line));
            Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
            Assert.StartsWith("save it as UTF-8", error.Fix, StringComparison.Ordinal);
            Assert.Empty(profile.Directives);
        }
    }

    [Fact]
    public void A_utf8_profile_read_as_bytes_is_parsed_as_text_with_its_bom_skipped()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes("client\nverify-x509-name 'CN=Zürich'\n")).ToArray();

        var profile = ProfileParser.Parse(bytes, Path);

        Assert.Empty(profile.Diagnostics);
        Assert.Equal(["client", "verify-x509-name"], profile.Directives.Select(d => d.Name));
        Assert.Equal("CN=Zürich", profile.Directives[1].Arguments[0]);
    }

    [Fact]
    public void Unclosed_quotes_are_errors()
    {
        Assert.Contains("double quote", SingleError("verify-x509-name \"CN=x\n").Message, StringComparison.Ordinal);
        Assert.Contains("single quote", SingleError("verify-x509-name 'CN=x\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backslash_before_the_newline_escapes_it_and_at_the_end_of_the_file_is_an_error()
    {
        Assert.Equal(["a\n"], Single("x a\\\n").Arguments);
        Assert.Contains("ends with a backslash", SingleError("x a\\").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_sixteen_parameters_is_an_error_because_openvpn_would_drop_the_rest()
    {
        Assert.Empty(Parse("remote-cert-ku " + string.Join(' ', Enumerable.Repeat("a0", 15)) + "\n").Diagnostics);

        var error = SingleError("remote-cert-ku " + string.Join(' ', Enumerable.Repeat("a0", 16)) + "\n");
        Assert.Contains("more than 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_line_is_reported_and_the_good_ones_are_still_read()
    {
        var profile = Parse("ca c:\\x\nclient\nverify-x509-name \"open\nnobind\n");

        Assert.Equal([1, 3], profile.Diagnostics.Select(d => d.Line));
        Assert.Equal(["client", "nobind"], profile.Directives.Select(d => d.Name));
    }

    [Fact]
    public void The_path_is_kept_for_diagnostics()
    {
        Assert.Equal(Path, Parse("client\n").Path);
        Assert.StartsWith(Path + ":1: error:", SingleError("x \"a").ToString(), StringComparison.Ordinal);
    }
}
