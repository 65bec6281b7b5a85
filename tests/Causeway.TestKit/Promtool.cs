namespace Causeway.TestKit;

/// <summary>
/// Prometheus's promtool, for `promtool check metrics` on what the daemon serves: $CAUSEWAY_PROMTOOL (build.sh test
/// takes it out of Debian's prometheus package), else artifacts/tools/promtool; skipped without either.
/// </summary>
public static class Promtool
{
    public static string Path => CausewayBinary.Find("CAUSEWAY_PROMTOOL", "tools/promtool");
}
