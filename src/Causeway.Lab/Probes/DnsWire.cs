using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Causeway.Lab.Probes;

/// <summary>
/// Just enough of the DNS wire format (RFC 1035) for the lab's probe: a one-question query, and the answers of the
/// response (the lab's DNS servers are dnsmasq). No EDNS, no compression when writing.
/// </summary>
public static class DnsWire
{
    public const int HeaderLength = 12;
    public const ushort ClassIn = 1;
    public const int NoError = 0;
    public const int Refused = 5;

    private const ushort ResponseFlag = 0x8000;
    private const ushort AuthoritativeFlag = 0x0400;
    private const ushort RecursionDesiredFlag = 0x0100;

    /// <summary>A standard query with recursion desired, as a stub resolver sends it.</summary>
    public static byte[] BuildQuery(ushort id, string name, ushort type)
    {
        var message = new List<byte>(64);
        WriteHeader(message, id, RecursionDesiredFlag, questions: 1, answers: 0);
        WriteName(message, name);
        WriteUInt16(message, type);
        WriteUInt16(message, ClassIn);
        return [.. message];
    }

    /// <summary>Parses a response: its code and its answers as text. Throws <see cref="FormatException"/> if malformed.</summary>
    public static DnsResponse ParseResponse(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderLength)
        {
            throw new FormatException("DNS response shorter than its header");
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(message);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        if ((flags & ResponseFlag) == 0)
        {
            throw new FormatException("DNS message is a query, not a response");
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var answerCount = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var offset = HeaderLength;
        for (var i = 0; i < questions; i++)
        {
            _ = ReadName(message, ref offset);
            offset += 4;
        }

        var answers = new List<string>();
        for (var i = 0; i < answerCount; i++)
        {
            _ = ReadName(message, ref offset);
            Need(message, offset, 10);
            var type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
            offset += 10;
            Need(message, offset, length);
            var data = message.Slice(offset, length);
            offset += length;
            answers.Add(type switch
            {
                (ushort)DnsRecordType.A or (ushort)DnsRecordType.Aaaa => new IPAddress(data).ToString(),
                (ushort)DnsRecordType.Txt => ReadText(data),
                _ => $"type {type}",
            });
        }

        return new DnsResponse(id, flags & 0xF, (flags & AuthoritativeFlag) != 0, answers);
    }

    /// <summary>Reads a possibly compressed name; <paramref name="offset"/> ends after it in the message.</summary>
    public static string ReadName(ReadOnlySpan<byte> message, ref int offset)
    {
        var labels = new List<string>();
        var position = offset;
        var jumped = false;
        for (var jumps = 0; ;)
        {
            Need(message, position, 1);
            var length = message[position];
            if (length == 0)
            {
                position++;
                break;
            }

            if ((length & 0xC0) == 0xC0)
            {
                Need(message, position, 2);
                if (++jumps > 16)
                {
                    throw new FormatException("DNS name has a compression loop");
                }

                var target = BinaryPrimitives.ReadUInt16BigEndian(message[position..]) & 0x3FFF;
                if (!jumped)
                {
                    offset = position + 2;
                    jumped = true;
                }

                position = target;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                throw new FormatException("DNS name has an unknown label type");
            }

            Need(message, position + 1, length);
            labels.Add(Encoding.ASCII.GetString(message.Slice(position + 1, length)).ToLowerInvariant());
            position += 1 + length;
        }

        if (!jumped)
        {
            offset = position;
        }

        return string.Join('.', labels);
    }

    private static string ReadText(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder();
        var position = 0;
        while (position < data.Length)
        {
            var length = data[position];
            Need(data, position + 1, length);
            text.Append(Encoding.UTF8.GetString(data.Slice(position + 1, length)));
            position += 1 + length;
        }

        return text.ToString();
    }

    private static void Need(ReadOnlySpan<byte> message, int offset, int count)
    {
        if (offset < 0 || offset + count > message.Length)
        {
            throw new FormatException("DNS message is truncated");
        }
    }

    private static void WriteHeader(List<byte> message, ushort id, ushort flags, ushort questions, ushort answers)
    {
        WriteUInt16(message, id);
        WriteUInt16(message, flags);
        WriteUInt16(message, questions);
        WriteUInt16(message, answers);
        WriteUInt16(message, 0);
        WriteUInt16(message, 0);
    }

    private static void WriteName(List<byte> message, string name)
    {
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            if (bytes.Length > 63)
            {
                throw new FormatException($"DNS label '{label}' is longer than 63 bytes");
            }

            message.Add((byte)bytes.Length);
            message.AddRange(bytes);
        }

        message.Add(0);
    }

    private static void WriteUInt16(List<byte> message, int value)
    {
        message.Add((byte)(value >> 8));
        message.Add((byte)value);
    }
}
