using Causeway.Lab.Probes;
using Xunit;

namespace Causeway.Lab.Tests.Services;

/// <summary>
/// The lab's DNS probe reads what its servers (dnsmasq) answer: responses captured from `dnsmasq --txt-record
/// --host-record` as `lab up` runs it (pure; no root).
/// </summary>
public sealed class DnsWireTests
{
    /// <summary>dnsmasq 2.90's answer to TXT whoami.causeway.lab (id 0x1234), its name compressed to the question's.</summary>
    private const string DnsmasqTxtAnswer =
        "1234858000010001000000000677686f616d69086361757365776179036c61620000100001c00c00100001000000000013127365727665642d62793d70726f7669646572";

    /// <summary>dnsmasq's answer to a name it does not serve (no upstream servers: REFUSED).</summary>
    private const string DnsmasqRefused = "123481850001000000000000056f74686572036c61620000010001";

    [Fact]
    public void A_dnsmasq_txt_answer_reads_as_its_text()
    {
        var response = DnsWire.ParseResponse(Convert.FromHexString(DnsmasqTxtAnswer));

        Assert.Equal(0x1234, response.Id);
        Assert.Equal(DnsWire.NoError, response.ResponseCode);
        Assert.True(response.Authoritative);
        Assert.Equal(["served-by=provider"], response.Answers);
    }

    [Fact]
    public void A_refusal_reads_as_its_code_without_answers()
    {
        var response = DnsWire.ParseResponse(Convert.FromHexString(DnsmasqRefused));

        Assert.Equal(DnsWire.Refused, response.ResponseCode);
        Assert.Empty(response.Answers);
    }

    [Fact]
    public void The_query_asks_one_question_with_recursion_desired()
    {
        var query = DnsWire.BuildQuery(0x1234, "whoami.causeway.lab.", (ushort)DnsRecordType.Txt);
        var mixedCase = DnsWire.BuildQuery(1, "WhoAmI.causeway.lab", (ushort)DnsRecordType.Txt);
        var offset = DnsWire.HeaderLength;

        // The same bytes as the question dnsmasq echoed above; names are read lower-case.
        Assert.Equal(Convert.FromHexString(DnsmasqTxtAnswer)[DnsWire.HeaderLength..(DnsWire.HeaderLength + 25)], query[DnsWire.HeaderLength..]);
        Assert.Equal([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0], query[..DnsWire.HeaderLength]);
        Assert.Equal("whoami.causeway.lab", DnsWire.ReadName(mixedCase, ref offset));
        Assert.Throws<FormatException>(() => DnsWire.ParseResponse(query));
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
}
