using System.Text.RegularExpressions;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The status as the optional TCP listener serves it. The report names no client's real (public) address anywhere
/// (sessions carry their pool address only; `causeway client list`, root's over the control socket, has the real
/// ones), but the texts of errors come from OpenVPN's own lines, which may: over TCP, every IP address in them is
/// replaced by <see cref="Redacted"/>.
/// </summary>
public static partial class TcpStatusView
{
    public const string Redacted = "[address]";

    public static StatusReport Of(StatusReport report) => report.Access is not { } access
        ? report
        : report with
        {
            Access = access with
            {
                Servers = [.. access.Servers.Select(s => s with { Detail = Redact(s.Detail), LastError = Redact(s.LastError) })],
                Problems = [.. access.Problems.Select(p => Redact(p)!)],
            },
        };

    /// <summary><paramref name="text"/> with every IPv4 or IPv6 address (and its port) replaced.</summary>
    public static string? Redact(string? text) => text is null ? null : Addresses().Replace(text, Redacted);

    // IPv6 in brackets with an optional :port; IPv4 with an optional :port; bare IPv6 in full (seven colons) or with
    // "::" (never a time of day such as 12:03:10).
    [GeneratedRegex(@"\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\](:\d+)?|\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b|(?<![\w:])([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:.])([0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4})*)?::([0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{1,4})*)?(?![\w:])")]
    private static partial Regex Addresses();
}
