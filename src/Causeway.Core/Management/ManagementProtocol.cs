using System.Collections.Immutable;
using System.Globalization;

namespace Causeway.Core.Management;

/// <summary>
/// The management protocol as a state machine with no I/O: feed it the lines OpenVPN sends and it gives back typed
/// events and the replies of the commands sent, in order. Lines starting with `>` are events (multi-line
/// `>UPDOWN:`/`>CLIENT:` blocks are assembled into one); every other line belongs to the oldest command still
/// waiting for its reply (first in, first out), whose <see cref="ReplyShape"/> says how many lines that is.
/// </summary>
/// <remarks>Not thread-safe: the caller serializes <see cref="ExpectReply"/> and <see cref="Feed"/>.</remarks>
public sealed class ManagementProtocol
{
    private const string GreetingPrefix = "OpenVPN Management Interface Version ";

    private readonly Queue<ReplyShape> _pending = new();
    private int _part;
    private readonly List<string> _block = [];
    private readonly List<string> _messages = [];
    private bool _failed;

    // An UPDOWN or CLIENT notice whose ENV lines are still arriving.
    private string? _envType;
    private Func<ImmutableDictionary<string, string>, ManagementEvent>? _envComplete;
    private ImmutableDictionary<string, string>.Builder? _env;

    /// <summary>From the greeting; 5 for every OpenVPN 2.6, 6 for 2.7. Until the greeting: 5.</summary>
    public int ManagementVersion { get; private set; } = 5;

    /// <summary>Commands sent whose reply has not fully arrived.</summary>
    public int PendingReplies => _pending.Count;

    /// <summary>Call when a command is sent, in the order the commands are written.</summary>
    public void ExpectReply(ReplyShape shape)
    {
        if (shape.ExpectsReply)
        {
            _pending.Enqueue(shape);
        }
    }

    /// <summary>Takes one line (without its line ending) and returns the messages it completed, usually 0 or 1.</summary>
    public IReadOnlyList<ManagementMessage> Feed(string line)
    {
        var output = new List<ManagementMessage>(1);
        if (_envType is not null)
        {
            if (TryContinueEnvBlock(line, output))
            {
                return output;
            }
        }

        if (line == ManagementLineSplitter.PasswordPrompt)
        {
            output.Add(new PasswordPromptEvent());
        }
        else if (line.StartsWith('>'))
        {
            ParseEvent(line, output);
        }
        else
        {
            ParseReplyLine(line, output);
        }

        return output;
    }

    /// <summary>
    /// Ends the session (EOF): a half-received ENV block is given out as it is, and every command still waiting is
    /// dropped; returns how many were. The caller fails those commands.
    /// </summary>
    public (IReadOnlyList<ManagementMessage> Flushed, int AbandonedReplies) Close()
    {
        var output = new List<ManagementMessage>();
        FlushEnvBlock(output);
        var abandoned = _pending.Count;
        _pending.Clear();
        ResetReply();
        return (output, abandoned);
    }

    private void ParseReplyLine(string line, List<ManagementMessage> output)
    {
        if (!_pending.TryPeek(out var shape))
        {
            output.Add(new UnexpectedLineEvent(line));
            return;
        }

        var part = shape.Parts[_part];
        var isSuccess = line.StartsWith("SUCCESS:", StringComparison.Ordinal);
        var isError = line.StartsWith("ERROR:", StringComparison.Ordinal);
        if (part == ReplyPart.SingleLine)
        {
            if (!isSuccess && !isError)
            {
                output.Add(new UnexpectedLineEvent(line));
                return;
            }

            _messages.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            _failed |= isError;
        }
        else if (isError && _block.Count == 0)
        {
            // A refused block command answers one ERROR line instead of its block.
            _messages.Add(line["ERROR:".Length..].Trim());
            _failed = true;
        }
        else if (line != "END")
        {
            _block.Add(line);
            return;
        }

        _part++;
        if (_part < shape.Parts.Length)
        {
            return;
        }

        _pending.Dequeue();
        output.Add(new ManagementReply(!_failed, string.Join("; ", _messages), [.. _block]));
        ResetReply();
    }

    private void ResetReply()
    {
        _part = 0;
        _block.Clear();
        _messages.Clear();
        _failed = false;
    }

    private void ParseEvent(string line, List<ManagementMessage> output)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            output.Add(new OtherEvent(line[1..], string.Empty));
            return;
        }

        var type = line[1..colon];
        var payload = line[(colon + 1)..];
        switch (type)
        {
            case "INFO":
                output.Add(ParseInfo(payload));
                break;
            case "HOLD":
                output.Add(ParseHold(payload));
                break;
            case "STATE":
                output.Add(OpenVpnStateEntry.TryParse(payload) is { } entry
                    ? new StateEvent(entry)
                    : new UnexpectedLineEvent(line));
                break;
            case "BYTECOUNT":
                output.Add(ParseLongs(payload, 2) is [var bytesIn, var bytesOut]
                    ? new ByteCountEvent(bytesIn, bytesOut)
                    : new UnexpectedLineEvent(line));
                break;
            case "BYTECOUNT_CLI":
                output.Add(ParseLongs(payload, 3) is [var clientId, var clientIn, var clientOut]
                    ? new ClientByteCountEvent(clientId, clientIn, clientOut)
                    : new UnexpectedLineEvent(line));
                break;
            case "LOG":
                output.Add(LogEntry.TryParse(payload) is { } log ? new LogEvent(log) : new UnexpectedLineEvent(line));
                break;
            case "FATAL":
                output.Add(new FatalEvent(payload));
                break;
            case "PASSWORD":
                output.Add(PasswordEvent.Parse(payload));
                break;
            case "ECHO":
                var comma = payload.IndexOf(',', StringComparison.Ordinal);
                output.Add(comma > 0 && UnixTime.TryParse(payload.AsSpan(0, comma), out var echoTime)
                    ? new EchoEvent(echoTime, payload[(comma + 1)..])
                    : new UnexpectedLineEvent(line));
                break;
            case "INFOMSG":
                output.Add(new InfoMessageEvent(payload));
                break;
            case "UPDOWN":
                StartUpDown(line, payload, output);
                break;
            case "CLIENT":
                StartClient(line, payload, output);
                break;
            default:
                output.Add(new OtherEvent(type, payload));
                break;
        }
    }

    private InfoEvent ParseInfo(string payload)
    {
        if (!payload.StartsWith(GreetingPrefix, StringComparison.Ordinal))
        {
            return new InfoEvent(payload, null);
        }

        var digits = payload.AsSpan(GreetingPrefix.Length);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        if (end < 0)
        {
            end = digits.Length;
        }

        if (int.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            ManagementVersion = version;
            return new InfoEvent(payload, version);
        }

        return new InfoEvent(payload, null);
    }

    private static HoldEvent ParseHold(string payload)
    {
        var colon = payload.LastIndexOf(':');
        var seconds = colon >= 0
            && int.TryParse(payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var wait)
            ? wait
            : 0;
        return new HoldEvent(payload, seconds);
    }

    private void StartUpDown(string line, string payload, List<ManagementMessage> output)
    {
        switch (payload)
        {
            case "UP" or "DOWN":
                var isUp = payload == "UP";
                BeginEnvBlock("UPDOWN", env => new UpDownEvent(isUp, env));
                break;
            default:
                // An ENV line with no UP/DOWN before it.
                output.Add(new UnexpectedLineEvent(line));
                break;
        }
    }

    private void StartClient(string line, string payload, List<ManagementMessage> output)
    {
        var fields = payload.Split(',');
        var kindName = fields[0];
        var kind = kindName switch
        {
            "CONNECT" => ClientEventKind.Connect,
            "REAUTH" => ClientEventKind.Reauth,
            "ESTABLISHED" => ClientEventKind.Established,
            "DISCONNECT" => ClientEventKind.Disconnect,
            "ADDRESS" => ClientEventKind.Address,
            "CR_RESPONSE" => ClientEventKind.CrResponse,
            "ENV" => (ClientEventKind?)null,
            _ => ClientEventKind.Other,
        };
        if (kind is null || fields.Length < 2 || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var clientId))
        {
            output.Add(new UnexpectedLineEvent(line));
            return;
        }

        long? Long(int index) =>
            index < fields.Length && long.TryParse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : null;

        switch (kind.Value)
        {
            case ClientEventKind.Address:
                // ADDRESS is one line: no ENV block follows.
                output.Add(new ClientEvent(
                    kind.Value,
                    kindName,
                    clientId,
                    null,
                    fields.Length > 2 ? fields[2] : null,
                    fields.Length > 3 ? fields[3] == "1" : null,
                    null,
                    ImmutableDictionary<string, string>.Empty));
                break;
            case ClientEventKind.Connect or ClientEventKind.Reauth or ClientEventKind.CrResponse:
                var keyId = Long(2);
                var response = kind.Value == ClientEventKind.CrResponse && fields.Length > 3 ? fields[3] : null;
                BeginEnvBlock("CLIENT", env => new ClientEvent(kind.Value, kindName, clientId, keyId, null, null, response, env));
                break;
            default:
                BeginEnvBlock("CLIENT", env => new ClientEvent(kind.Value, kindName, clientId, null, null, null, null, env));
                break;
        }
    }

    private void BeginEnvBlock(string type, Func<ImmutableDictionary<string, string>, ManagementEvent> complete)
    {
        _envType = type;
        _envComplete = complete;
        _env = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Takes the line if it continues the open ENV block; a block is atomic, so anything else ends it.</summary>
    private bool TryContinueEnvBlock(string line, List<ManagementMessage> output)
    {
        var prefix = $">{_envType}:ENV,";
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            FlushEnvBlock(output);
            return false;
        }

        var entry = line[prefix.Length..];
        if (entry == "END")
        {
            FlushEnvBlock(output);
            return true;
        }

        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        var (name, value) = equals < 0 ? (entry, string.Empty) : (entry[..equals], entry[(equals + 1)..]);
        _env![name] = value;
        return true;
    }

    private void FlushEnvBlock(List<ManagementMessage> output)
    {
        if (_envType is null)
        {
            return;
        }

        output.Add(_envComplete!(_env!.ToImmutable()));
        _envType = null;
        _envComplete = null;
        _env = null;
    }

    private static long[]? ParseLongs(string payload, int count)
    {
        var fields = payload.Split(',');
        if (fields.Length != count)
        {
            return null;
        }

        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return values;
    }
}
