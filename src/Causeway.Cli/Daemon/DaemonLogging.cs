using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Causeway.Cli.Daemon;

/// <summary>
/// The log of `causeway up`, on its stdout. Under systemd (journald's $JOURNAL_STREAM) or into a pipe or file: one line
/// per entry, led by its syslog priority ("&lt;3&gt;" error, "&lt;4&gt;" warning, "&lt;6&gt;" information), which journald
/// keeps as the entry's priority (`journalctl -p warning`), and no colour codes; journald stamps its own time, a file
/// gets one. On a terminal: the usual one line per entry, coloured by level.
/// </summary>
public static class DaemonLogging
{
    /// <summary>Set by systemd when stdout or stderr is connected to the journal.</summary>
    public const string JournalStreamVariable = "JOURNAL_STREAM";

    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        var journal = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(JournalStreamVariable));
        if (journal || Console.IsOutputRedirected)
        {
            logging.AddSystemdConsole(console => console.TimestampFormat = journal ? null : "HH:mm:ss ");
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
                console.ColorBehavior = LoggerColorBehavior.Enabled;
            });
        }

        logging.AddFilter("Microsoft", LogLevel.Warning);
    }
}
