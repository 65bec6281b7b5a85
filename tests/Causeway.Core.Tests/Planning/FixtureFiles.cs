namespace Causeway.Core.Tests.Planning;

/// <summary>Captured command output under Fixtures/ (see Fixtures/ip/capture.sh for how it was taken).</summary>
internal static class FixtureFiles
{
    public static string Ip(string name) => Read("ip", name);

    public static string Nft(string name) => Read("nft", name);

    private static string Read(string folder, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name));
}
