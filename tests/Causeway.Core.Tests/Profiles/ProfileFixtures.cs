using Causeway.Core.Profiles;

namespace Causeway.Core.Tests.Profiles;

/// <summary>The provider profiles under Fixtures/profiles, read the way the engine will: text in, files through a delegate.</summary>
internal static class ProfileFixtures
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "profiles");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static OvpnProfile Parse(string name) => ProfileParser.Parse(File.ReadAllText(PathOf(name)), PathOf(name));

    public static ProfileSanitizeResult Sanitize(string name) => ProfileSanitizer.Sanitize(Parse(name), ReadIfPresent);

    /// <summary>What the engine's delegate does: the file's text, or null when it is not there.</summary>
    public static string? ReadIfPresent(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
