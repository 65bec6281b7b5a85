using System.Text;

namespace Causeway.Core.Management;

/// <summary>
/// Cuts the management interface's character stream into lines. OpenVPN ends lines with "\r\n"; the one exception
/// is the password prompt of a protected socket, `ENTER PASSWORD:`, sent with no newline at all, so a reader that
/// only waits for "\n" would wait forever. A pending "ENTER PASSWORD:" is therefore released as a line of its own.
/// </summary>
public sealed class ManagementLineSplitter
{
    public const string PasswordPrompt = "ENTER PASSWORD:";

    private readonly StringBuilder _pending = new();

    /// <summary>What has been received after the last complete line.</summary>
    public string Pending => _pending.ToString();

    /// <summary>Adds received text; returns the lines it completed, without their "\r\n".</summary>
    public IReadOnlyList<string> Push(ReadOnlySpan<char> chunk)
    {
        List<string>? lines = null;
        foreach (var c in chunk)
        {
            if (c == '\n')
            {
                var length = _pending.Length;
                if (length > 0 && _pending[length - 1] == '\r')
                {
                    length--;
                }

                (lines ??= []).Add(_pending.ToString(0, length));
                _pending.Clear();
            }
            else
            {
                _pending.Append(c);
            }
        }

        if (_pending.Length == PasswordPrompt.Length && _pending.ToString() == PasswordPrompt)
        {
            (lines ??= []).Add(PasswordPrompt);
            _pending.Clear();
        }

        return lines ?? (IReadOnlyList<string>)[];
    }
}
