using System.Text;
using Causeway.Core.Management;

namespace Causeway.Engine.OpenVpn;

/// <summary>Reads management lines from a stream: UTF-8 decoding across reads, then <see cref="ManagementLineSplitter"/>.</summary>
internal sealed class ManagementLineReader(Stream stream)
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly ManagementLineSplitter _splitter = new();
    private readonly byte[] _bytes = new byte[8192];
    private readonly char[] _chars = new char[Encoding.UTF8.GetMaxCharCount(8192)];
    private readonly Queue<string> _lines = new();

    /// <summary>The next line, or null at EOF.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (_lines.Count == 0)
        {
            var read = await stream.ReadAsync(_bytes, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            var count = _decoder.GetChars(_bytes, 0, read, _chars, 0);
            foreach (var line in _splitter.Push(_chars.AsSpan(0, count)))
            {
                _lines.Enqueue(line);
            }
        }

        return _lines.Dequeue();
    }
}
