using Causeway.Core.Config;
using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>Loading helpers for the config tests: every test names the file it loads as /etc/causeway/causeway.toml.</summary>
internal static class ConfigAssert
{
    public const string File = "/etc/causeway/causeway.toml";

    /// <summary>The smallest valid config, for tests that only care about one other key.</summary>
    public const string Minimal = """
        [overlay]
        zerotier_network = "8bd5124fd6f4d0a1"

        [egress]
        profile = "provider.ovpn"
        """;

    public static ConfigLoadResult Load(string toml) => ConfigLoader.Load(toml, File);

    public static ConfigLoadResult Loads(string toml)
    {
        var result = Load(toml);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.NotNull(result.Settings);
        return result;
    }

    /// <summary>Asserts that loading fails with exactly one error, and returns it.</summary>
    public static ConfigDiagnostic SingleError(string toml)
    {
        var result = Load(toml);
        Assert.False(result.Succeeded);
        Assert.Null(result.Settings);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 1, $"expected one error, got {errors.Count}:\n{string.Join('\n', result.Diagnostics)}");
        return errors[0];
    }

    /// <summary>Asserts position and message (a fragment of it) of a diagnostic, with the whole diagnostic in the failure.</summary>
    public static void At(ConfigDiagnostic diagnostic, int line, int column, string messageFragment)
    {
        Assert.True(diagnostic.Line == line && diagnostic.Column == column,
            $"expected {line}:{column}, got {diagnostic.Line}:{diagnostic.Column}: {diagnostic}");
        Assert.Contains(messageFragment, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(File, diagnostic.File);
    }
}
