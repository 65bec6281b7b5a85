using System.Globalization;
using System.Reflection;

namespace Causeway.Cli;

/// <summary>What the build wrote into this binary (Causeway.Cli.csproj: the BuildDate assembly metadata).</summary>
public static class BuildInfo
{
    /// <summary>The day (UTC) this binary was built: a clock before it is obviously wrong. Null when the build did not say.</summary>
    public static DateTimeOffset? BuildDate { get; } = ReadBuildDate();

    private static DateTimeOffset? ReadBuildDate()
    {
        var value = typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildDate")?.Value;
        return DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
    }
}
