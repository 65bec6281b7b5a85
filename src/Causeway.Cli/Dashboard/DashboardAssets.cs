namespace Causeway.Cli.Dashboard;

/// <summary>
/// The dashboard's three files (Dashboard/Assets: the page, its script, its style), embedded in the binary so that
/// it works offline and under NativeAOT: no CDN, no font, no file next to the binary. The script reads only
/// `v1/status` of whatever serves the page, so on the TCP listener it sees that listener's redacted view.
/// </summary>
public static class DashboardAssets
{
    /// <summary>
    /// Only this origin's own files, and no inline script or style at all: a status text that somehow reached the
    /// page as markup still could not run.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The prefix of their manifest resource names (Causeway.Cli.csproj gives them these names).</summary>
    private const string ResourcePrefix = "dashboard/";

    public static IReadOnlyList<DashboardAsset> All { get; } =
    [
        Load("/", "index.html", "text/html; charset=utf-8"),
        Load("/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8"),
        Load("/dashboard.css", "dashboard.css", "text/css; charset=utf-8"),
    ];

    private static DashboardAsset Load(string path, string file, string contentType)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"the dashboard's {file} is not embedded in this binary (a build problem: see Causeway.Cli.csproj's EmbeddedResource)");
        using var content = new MemoryStream();
        stream.CopyTo(content);
        return new DashboardAsset(path, contentType, content.ToArray());
    }
}
