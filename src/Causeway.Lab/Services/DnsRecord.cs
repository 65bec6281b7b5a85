using System.Net;
using System.Net.Sockets;

namespace Causeway.Lab.Services;

/// <summary>One answer the lab's DNS server gives: a name, a type and a value (an address or a text).</summary>
public sealed record DnsRecord(string Name, DnsRecordType Type, string Value)
{
    /// <summary>Parses `name=TYPE:value`, e.g. `whoami.causeway.lab=TXT:served-by=provider` or `x.lab=A:203.0.113.80`.</summary>
    public static DnsRecord Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var colon = equals < 0 ? -1 : text.IndexOf(':', equals);
        if (equals <= 0 || colon < 0)
        {
            throw new FormatException($"DNS answer '{text}': expected name=TYPE:value, e.g. whoami.causeway.lab=TXT:served-by=provider");
        }

        var name = text[..equals].TrimEnd('.').ToLowerInvariant();
        var typeText = text[(equals + 1)..colon];
        var value = text[(colon + 1)..];
        var type = typeText.ToUpperInvariant() switch
        {
            "A" => DnsRecordType.A,
            "AAAA" => DnsRecordType.Aaaa,
            "TXT" => DnsRecordType.Txt,
            _ => throw new FormatException($"DNS answer '{text}': type {typeText} is not one of A, AAAA, TXT"),
        };
        var record = new DnsRecord(name, type, value);
        _ = record.Data();
        return record;
    }

    /// <summary>The RDATA bytes.</summary>
    public byte[] Data()
    {
        switch (Type)
        {
            case DnsRecordType.A or DnsRecordType.Aaaa:
                var family = Type == DnsRecordType.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                if (!IPAddress.TryParse(Value, out var address) || address.AddressFamily != family)
                {
                    throw new FormatException($"DNS answer for {Name}: '{Value}' is not an {(Type == DnsRecordType.A ? "IPv4" : "IPv6")} address");
                }

                return address.GetAddressBytes();
            default:
                // TXT: one or more <length><bytes> strings of at most 255 bytes each.
                var bytes = System.Text.Encoding.UTF8.GetBytes(Value);
                if (bytes.Length == 0)
                {
                    return [0];
                }

                var data = new List<byte>();
                for (var offset = 0; offset < bytes.Length; offset += 255)
                {
                    var length = Math.Min(255, bytes.Length - offset);
                    data.Add((byte)length);
                    data.AddRange(bytes.AsSpan(offset, length));
                }

                return [.. data];
        }
    }
}
