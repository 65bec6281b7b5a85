using Xunit;

namespace Causeway.TestKit;

/// <summary>
/// The NativeAOT binary under test: $CAUSEWAY_BIN (set by build.sh test), else artifacts/causeway in the
/// repository. Integration tests drive this binary, so a missing source-generated JSON context or a trimming
/// problem fails here and not in production.
/// </summary>
public static class CausewayBinary
{
    public static string Path => Find("CAUSEWAY_BIN", "causeway");

    /// <summary>
    /// $<paramref name="variable"/>, else artifacts/<paramref name="fileName"/> in the repository. With neither, the
    /// test is skipped (the fast path, `dotnet test` before any `./build.sh build`); build.sh test always sets both
    /// variables, so under it a missing binary fails instead.
    /// </summary>
    internal static string Find(string variable, string fileName)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Causeway.slnx")))
        {
            directory = directory.Parent;
        }

        var candidate = directory is null ? null : System.IO.Path.Combine(directory.FullName, "artifacts", fileName);
        if (candidate is null || !File.Exists(candidate))
        {
            Assert.Skip($"needs the NativeAOT binary {fileName}: run `./build.sh build` (or set {variable})");
        }

        return candidate;
    }
}
