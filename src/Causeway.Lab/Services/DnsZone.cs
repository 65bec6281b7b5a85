namespace Causeway.Lab.Services;

/// <summary>The records one lab DNS server is authoritative for, and how it answers a query.</summary>
public sealed class DnsZone(IReadOnlyList<DnsRecord> records)
{
    private const ushort AnyType = 255;

    public IReadOnlyList<DnsRecord> Records => records;

    /// <summary>The response bytes, or null for something that is not a query (it gets no answer at all).</summary>
    public byte[]? Answer(ReadOnlySpan<byte> query)
    {
        if (!DnsWire.TryParseQuery(query, out var id, out var flags, out var question) || question is null)
        {
            return null;
        }

        var opcode = (flags >> 11) & 0xF;
        if (opcode != 0)
        {
            return DnsWire.BuildResponse(id, flags, question, DnsWire.NotImplemented, []);
        }

        if (question.Class != DnsWire.ClassIn)
        {
            return DnsWire.BuildResponse(id, flags, question, DnsWire.Refused, []);
        }

        var named = records.Where(r => string.Equals(r.Name, question.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count == 0)
        {
            return DnsWire.BuildResponse(id, flags, question, DnsWire.NameError, []);
        }

        var answers = named.Where(r => question.Type == AnyType || (ushort)r.Type == question.Type).ToList();
        return DnsWire.BuildResponse(id, flags, question, DnsWire.NoError, answers);
    }
}
