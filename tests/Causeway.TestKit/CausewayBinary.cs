namespace Causeway.TestKit;

/// <summary>
/// The NativeAOT binary under test: $CAUSEWAY_BIN (set by build.sh test), else artifacts/causeway in the
/// repository. Integration tests drive this binary, so a missing source-generated JSON context or a trimming
/// problem fails here and not in production.
/// </summary>
public static class CausewayBinary
{
    public static string Path
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("CAUSEWAY_BIN");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Causeway.slnx")))
            {
                directory = directory.Parent;
            }

            var candidate = directory is null ? null : System.IO.Path.Combine(directory.FullName, "artifacts", "causeway");
            return candidate is not null && File.Exists(candidate)
                ? candidate
                : throw new InvalidOperationException("the causeway binary is missing: run `./build.sh build` or set CAUSEWAY_BIN");
        }
    }
}
