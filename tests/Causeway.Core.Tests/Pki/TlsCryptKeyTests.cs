using Causeway.Core.Pki;
using Xunit;

namespace Causeway.Core.Tests.Pki;

public sealed class TlsCryptKeyTests
{
    /// <summary>Written by `openvpn --genkey tls-crypt` (OpenVPN 2.6.14); a throwaway key used only here.</summary>
    private const string GeneratedByOpenVpn = """
        #
        # 2048 bit OpenVPN static key
        #
        -----BEGIN OpenVPN Static key V1-----
        2df02aa54e5ab90fa2a0cf66b7aa9a11
        329814e7ca4f16ca79919540536abd48
        e509e2f3d8e88afae39ad0448247fbe6
        37c1137b1f5b149e5603410d19143b6b
        f8f01a991eda5d6c9a3a49a17daa4f1b
        4ebaad60d0d6d0b32b9f3561d8c7b496
        689af51589f763bb1ab7a7a914bafae0
        fdc4af69849560e0caff37020355473a
        23d156c1c089497d6f7bfb5088c6468c
        46a38030b46025978d60f88c4232d018
        81eae3e749abfe803cbb829d1dd1dc44
        4a9f391fedd54d7bdb5593d0081f5c42
        96150823c5309b331a603cd8095cdc3e
        ca1a61c770ec4131465f1b5a3b4892ca
        a9f2bf6248eb5bccf218041eb5e972e2
        00bc1f7368a93512f06a7ce7e991a7b5
        -----END OpenVPN Static key V1-----
        """;

    [Fact]
    public void A_key_written_by_openvpn_parses_and_is_written_back_byte_for_byte()
    {
        var text = GeneratedByOpenVpn + "\n";

        var key = TlsCryptKey.Parse(text);

        Assert.Equal(TlsCryptKey.KeyLength, key.KeyMaterial.Length);
        Assert.Equal(0x2d, key.KeyMaterial[0]);
        Assert.Equal(0xb5, key.KeyMaterial[255]);
        Assert.Equal(text, key.ToOpenVpnFormat());
    }

    [Fact]
    public void The_format_is_openvpns_static_key_V1_layout()
    {
        var lines = TlsCryptKey.Generate().ToOpenVpnFormat().Split('\n');

        Assert.Equal(["#", "# 2048 bit OpenVPN static key", "#", "-----BEGIN OpenVPN Static key V1-----"], lines[..4]);
        Assert.Equal("-----END OpenVPN Static key V1-----", lines[20]);
        Assert.Equal("", lines[21]);
        Assert.Equal(22, lines.Length);
        Assert.All(lines[4..20], line => Assert.Matches("^[0-9a-f]{32}$", line));
    }

    [Fact]
    public void Generated_keys_round_trip_and_differ()
    {
        var a = TlsCryptKey.Generate();
        var b = TlsCryptKey.Generate();

        Assert.Equal(a.KeyMaterial.ToArray(), TlsCryptKey.Parse(a.ToOpenVpnFormat()).KeyMaterial.ToArray());
        Assert.NotEqual(a.KeyMaterial.ToArray(), b.KeyMaterial.ToArray());
    }

    [Fact]
    public void Parsing_accepts_what_openvpn_accepts_crlf_uppercase_spaces_and_no_comments()
    {
        var key = TlsCryptKey.Parse(GeneratedByOpenVpn);
        var body = GeneratedByOpenVpn.Split('\n')[3..]
            .Select(l => l.StartsWith("-----", StringComparison.Ordinal) ? l : string.Join(' ', l.ToUpperInvariant().Chunk(8).Select(c => new string(c))));
        var loose = string.Join("\r\n", body) + "\r\n";

        Assert.Equal(key.KeyMaterial.ToArray(), TlsCryptKey.Parse(loose).KeyMaterial.ToArray());
    }

    [Fact]
    public void Inline_profile_content_parses()
    {
        var inline = "<tls-crypt>\n" + GeneratedByOpenVpn.Split('\n', 4)[3] + "\n</tls-crypt>\n";

        Assert.Equal(TlsCryptKey.Parse(GeneratedByOpenVpn).KeyMaterial.ToArray(), TlsCryptKey.Parse(inline).KeyMaterial.ToArray());
    }

    [Fact]
    public void Too_little_key_material_is_an_error_that_says_so()
    {
        var lines = GeneratedByOpenVpn.Split('\n').ToList();
        lines.RemoveAt(10);

        var error = Assert.Throws<FormatException>(() => TlsCryptKey.Parse(string.Join('\n', lines)));

        Assert.StartsWith("too little key material in the tls-crypt key: 240 bytes where OpenVPN needs 256", error.Message, StringComparison.Ordinal);
        Assert.Contains("openvpn --genkey tls-crypt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_much_key_material_is_an_error()
    {
        var lines = GeneratedByOpenVpn.Split('\n').ToList();
        lines.Insert(10, lines[10]);

        var error = Assert.Throws<FormatException>(() => TlsCryptKey.Parse(string.Join('\n', lines)));

        Assert.StartsWith("too much key material in the tls-crypt key: 272 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_hex_is_an_error_naming_the_character_and_line()
    {
        var lines = GeneratedByOpenVpn.Split('\n');
        lines[6] = "zz" + lines[6][2..];

        var error = Assert.Throws<FormatException>(() => TlsCryptKey.Parse(string.Join('\n', lines)));

        Assert.StartsWith("bad hex in the tls-crypt key: 'z' on line 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_odd_number_of_hex_digits_is_an_error()
    {
        var lines = GeneratedByOpenVpn.Split('\n');
        lines[6] = lines[6][1..];

        var error = Assert.Throws<FormatException>(() => TlsCryptKey.Parse(string.Join('\n', lines)));

        Assert.StartsWith("the tls-crypt key has an odd number of hex digits (511)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_header_is_an_error()
    {
        var error = Assert.Throws<FormatException>(() => TlsCryptKey.Parse(GeneratedByOpenVpn.Replace("BEGIN OpenVPN Static key V1", "BEGIN KEY", StringComparison.Ordinal)));

        Assert.StartsWith("no '-----BEGIN OpenVPN Static key V1-----' line: this is not an OpenVPN static key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_footer_is_an_error()
    {
        var error = Assert.Throws<FormatException>(() => TlsCryptKey.Parse(GeneratedByOpenVpn.Split("-----END", 2)[0]));

        Assert.StartsWith("no '-----END OpenVPN Static key V1-----' line after the header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var error = Assert.Throws<FormatException>(() => TlsCryptKey.Parse("\n"));

        Assert.StartsWith("the tls-crypt key is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tls_crypt_v2_key_is_recognized_and_refused()
    {
        var v2 = "-----BEGIN OpenVPN tls-crypt-v2 client key-----\nAAAA\n-----END OpenVPN tls-crypt-v2 client key-----\n";

        var error = Assert.Throws<FormatException>(() => TlsCryptKey.Parse(v2));

        Assert.StartsWith("this is a tls-crypt-v2 key, but a tls-crypt key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_bytes_takes_exactly_256()
    {
        Assert.Throws<ArgumentException>(() => TlsCryptKey.FromBytes(new byte[255]));
        Assert.Equal(new byte[256], TlsCryptKey.FromBytes(new byte[256]).KeyMaterial.ToArray());
    }

    [Fact]
    public void ToString_does_not_print_the_key()
    {
        var key = TlsCryptKey.Generate();

        Assert.DoesNotContain(Convert.ToHexStringLower(key.KeyMaterial[..4]), key.ToString(), StringComparison.Ordinal);
    }
}
