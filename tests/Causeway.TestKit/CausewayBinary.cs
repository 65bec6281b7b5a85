namespace Causeway.TestKit;

/// <summary>
/// The NativeAOT binary under test: $CAUSEWAY_BIN (set by build.sh test), else artifacts/causeway in the
/// repository. Integration tests drive this binary, so a missing source-generated JSON context or a trimming
/// problem fails here and not in production.
/// </summary>
public static class CausewayBinary
{
    public static string Path => Find("CAUSEWAY_BIN", "causeway");

    /// <summary>$<paramref name="variable"/>, else artifacts/<paramref name="fileName"/> in the repository.</summary>
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
        return candidate is not null && File.Exists(candidate)
            ? candidate
            : throw new InvalidOperationException($"the {fileName} binary is missing: run `./build.sh build` or set {variable}");
    }
}
