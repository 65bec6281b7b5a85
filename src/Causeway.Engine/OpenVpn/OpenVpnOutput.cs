using Causeway.Core.Management;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.OpenVpn;

/// <summary>
/// What one supervised openvpn prints: its output lines (from its stdout, or relayed from its management session as
/// `>LOG:` lines when it is detached) go into the daemon's log, its last lines are kept for the error an exit reports,
/// and a certificate refused as "not yet valid" is reported as a clock problem. A detached openvpn's log file is also
/// kept here: emptied at each start and whenever it outgrows <see cref="MaxLogFileBytes"/>.
/// </summary>
/// <param name="reportClockProblem">Called with what the status should show, from whichever thread read the line.</param>
internal sealed class OpenVpnOutput(
    OpenVpnLaunch launch,
    IFileSystem fileSystem,
    TimeProvider time,
    ILogger logger,
    Action<string> reportClockProblem)
{
    /// <summary>
    /// A detached openvpn's log file is emptied when it grows past this: the daemon's session reads every line of
    /// it through the management socket (`log on`) into its own log, so the file only has to hold what happens
    /// before that session and while no daemon runs. /run is a small tmpfs.
    /// </summary>
    public const long MaxLogFileBytes = 1024 * 1024;

    private const int OutputLinesKept = 20;

    private readonly Queue<string> _lines = new();

    // Written from openvpn's output reader, not the supervisor loop.
    private string? _lastClockProblemLine;

    // Touched only by the supervisor loop.
    private long _relayedSinceLogCheck;

    /// <summary>Forgets the previous process's lines.</summary>
    public void Clear()
    {
        lock (_lines)
        {
            _lines.Clear();
        }
    }

    /// <summary>One line openvpn printed (called from its output reader, or from the supervisor loop for `>LOG:` lines).</summary>
    public void OnLine(string line)
    {
        if (line.StartsWith("MANAGEMENT: CMD 'status", StringComparison.Ordinal))
        {
            // A server's sessions are read every few seconds: OpenVPN echoing each read would drown its log.
            logger.LogDebug("openvpn: {Line}", line);
            return;
        }

        logger.LogInformation("openvpn: {Line}", line);
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > OutputLinesKept)
            {
                _lines.Dequeue();
            }
        }

        NoteClockProblem(line);
    }

    /// <summary>
    /// ": the last error line openvpn printed", or nothing. A detached openvpn prints a config error into its log file
    /// before its management socket is up: that file's end is read too.
    /// </summary>
    public string LastError()
    {
        string? line;
        lock (_lines)
        {
            line = _lines.LastOrDefault(IsErrorLine);
        }

        line ??= LogFileTail().LastOrDefault(IsErrorLine);
        return line is null ? string.Empty : $": {line}";
    }

    /// <summary>Empties a detached openvpn's log file before it starts, so that it says what this process did.</summary>
    public void EmptyLogFile(string log)
    {
        try
        {
            fileSystem.WriteAllTextAtomic(log, string.Empty, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("emptying the log file {Log}: {Error}", log, e.Message);
        }

        _relayedSinceLogCheck = 0;
    }

    /// <summary>
    /// Every line relayed was also appended to the log file: about every 64 KiB of them, the file is emptied if it is
    /// past <see cref="MaxLogFileBytes"/> (openvpn appends, so it goes on writing at the new end).
    /// </summary>
    public void KeepLogFileSmall(int relayed)
    {
        _relayedSinceLogCheck += relayed + 1;
        if (_relayedSinceLogCheck < 64 * 1024 || launch.LogFilePath is not { } log)
        {
            return;
        }

        _relayedSinceLogCheck = 0;
        try
        {
            if (fileSystem.Stat(log).Length > MaxLogFileBytes)
            {
                fileSystem.WriteInPlace(log, string.Empty);
                logger.LogInformation("emptied {Log}: over {Max} bytes (every line of it is in this log too)", log, MaxLogFileBytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("keeping the log file {Log} small: {Error}", log, e.Message);
        }
    }

    /// <summary>
    /// A certificate "not yet valid" reaches the management socket only as RECONNECTING,tls-error: the reason is in
    /// the output. It becomes the last error (OpenVPN retries on its own, so nothing else would set one), logged
    /// once per distinct line rather than on every retry.
    /// </summary>
    private void NoteClockProblem(string line)
    {
        if (CertificateClockProblem.Describe(line, time.GetUtcNow()) is not { } problem)
        {
            return;
        }

        if (Interlocked.Exchange(ref _lastClockProblemLine, line) != line)
        {
            logger.LogError("{Error}", problem);
        }

        reportClockProblem(problem);
    }

    private static bool IsErrorLine(string line) =>
        line.Contains("error", StringComparison.OrdinalIgnoreCase)
        && !line.Contains("Exiting due to fatal error", StringComparison.Ordinal);

    /// <summary>The last lines of a detached openvpn's log file (none without one).</summary>
    private IEnumerable<string> LogFileTail()
    {
        if (launch.LogFilePath is not { } log)
        {
            return [];
        }

        try
        {
            var facts = fileSystem.Stat(log);
            return facts.Exists && facts.Length <= 2 * MaxLogFileBytes
                ? fileSystem.ReadAllText(log).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(OutputLinesKept)
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
