namespace Causeway.Integration.Tests.Package;

/// <summary>The repository the tests were built from (the directory holding Causeway.slnx), and its artifacts.</summary>
public static class RepositoryFiles
{
    public static string? Root { get; } = FindRoot();

    /// <summary>artifacts/test-results, where build.sh test collects what the tests leave for people to read.</summary>
    public static string? TestResults => Root is null ? null : Path.Combine(Root, "artifacts", "test-results");

    private static string? FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Causeway.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }
}
