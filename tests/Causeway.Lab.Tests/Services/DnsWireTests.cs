using Causeway.Lab.Services;
using Xunit;

namespace Causeway.Lab.Tests.Services;

/// <summary>The lab's DNS responder and probe speak the same wire format as real resolvers (pure; no root).</summary>
public sealed class DnsWireTests
{
    private static readonly DnsZone Zone = new(
    [
        DnsRecord.Parse("whoami.causeway.lab=TXT:served-by=provider"),
        DnsRecord.Parse("whoami.causeway.lab=A:203.0.113.80"),
    ]);

    [Fact]
    public void Txt_query_gets_an_authoritative_answer_with_the_text()
    {
        var response = DnsWire.ParseResponse(Zone.Answer(DnsWire.BuildQuery(0x1234, "WhoAmI.causeway.lab.", (ushort)DnsRecordType.Txt))!);

        Assert.Equal(0x1234, response.Id);
        Assert.Equal(DnsWire.NoError, response.ResponseCode);
        Assert.True(response.Authoritative);
        Assert.Equal(["served-by=provider"], response.Answers);
    }

    [Fact]
    public void A_query_gets_only_the_address()
    {
        var response = DnsWire.ParseResponse(Zone.Answer(DnsWire.BuildQuery(7, "whoami.causeway.lab", (ushort)DnsRecordType.A))!);

        Assert.Equal(["203.0.113.80"], response.Answers);
    }

    [Fact]
    public void Unknown_name_is_nxdomain_and_known_name_without_the_type_is_empty()
    {
        var unknown = DnsWire.ParseResponse(Zone.Answer(DnsWire.BuildQuery(1, "other.causeway.lab", (ushort)DnsRecordType.A))!);
        var noAaaa = DnsWire.ParseResponse(Zone.Answer(DnsWire.BuildQuery(2, "whoami.causeway.lab", (ushort)DnsRecordType.Aaaa))!);

        Assert.Equal(DnsWire.NameError, unknown.ResponseCode);
        Assert.Equal(DnsWire.NoError, noAaaa.ResponseCode);
        Assert.Empty(noAaaa.Answers);
    }

    [Fact]
    public void Responses_and_garbage_get_no_answer()
    {
        var response = Zone.Answer(DnsWire.BuildQuery(3, "whoami.causeway.lab", (ushort)DnsRecordType.A))!;

        Assert.Null(Zone.Answer(response));
        Assert.Null(Zone.Answer([1, 2, 3]));
    }

    [Fact]
    public void Long_txt_is_split_into_255_byte_strings_and_joined_again()
    {
        var text = new string('x', 600);
        var zone = new DnsZone([DnsRecord.Parse($"long.lab=TXT:{text}")]);

        var response = DnsWire.ParseResponse(zone.Answer(DnsWire.BuildQuery(4, "long.lab", (ushort)DnsRecordType.Txt))!);

        Assert.Equal([text], response.Answers);
    }

    [Fact]
    public void Compressed_names_are_followed_and_loops_rejected()
    {
        // Header, then "a.lab" at 12, then a pointer to it at 19, then a pointer to itself at 21.
        byte[] message = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 3, (byte)'l', (byte)'a', (byte)'b', 0, 0xC0, 12, 0xC0, 21];
        var offset = 19;

        Assert.Equal("a.lab", DnsWire.ReadName(message, ref offset));
        Assert.Equal(21, offset);
        var loop = 21;
        Assert.Throws<FormatException>(() => DnsWire.ReadName(message, ref loop));
    }

    [Theory]
    [InlineData("no-equals")]
    [InlineData("x.lab=MX:mail")]
    [InlineData("x.lab=A:2001:db8::1")]
    [InlineData("x.lab=AAAA:203.0.113.1")]
    public void Bad_answers_are_refused_with_a_message(string text)
    {
        var error = Assert.Throws<FormatException>(() => DnsRecord.Parse(text));

        Assert.Contains("DNS answer", error.Message, StringComparison.Ordinal);
    }
}
