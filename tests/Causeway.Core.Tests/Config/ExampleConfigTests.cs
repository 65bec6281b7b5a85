using System.Text.RegularExpressions;
using Causeway.Core.Config;
using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>examples/causeway.toml is what users copy: it must load, document every key, and tell the truth about defaults.</summary>
public sealed partial class ExampleConfigTests
{
    private const string InstalledAs = "/etc/causeway/causeway.toml";

    /// <summary>Commented lines that show an alternative or an example rather than the default.</summary>
    private static readonly string[] NotDefaults = ["interface", "subnets", "zerotier_port", "fallback_dns"];

    private static readonly string Example = File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "causeway.toml"));

    [Fact]
    public void The_example_loads_without_a_diagnostic()
    {
        var result = ConfigLoader.Load(Example, InstalledAs);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal("/etc/causeway/provider.ovpn", result.Settings!.Egress.ProfilePath);
        Assert.Equal("/etc/causeway/provider.auth", result.Settings.Egress.AuthPath);
    }

    [Fact]
    public void The_example_shows_every_key()
    {
        var shown = KeyLine().Matches(Example).Select(m => m.Groups["key"].Value).ToHashSet();

        Assert.All(ConfigSchema.Sections.SelectMany(s => s.Value), key => Assert.Contains(key.Name, shown));
    }

    [Fact]
    public void The_defaults_the_example_shows_are_the_real_defaults()
    {
        var uncommented = KeyLine().Replace(Example, m => NotDefaults.Contains(m.Groups["key"].Value) ? m.Value : m.Groups["line"].Value);
        Assert.NotEqual(Example, uncommented);

        var asShipped = ConfigLoader.Load(Example, InstalledAs);
        var withDefaultsWritten = ConfigLoader.Load(uncommented, InstalledAs);

        Assert.True(withDefaultsWritten.Succeeded, string.Join('\n', withDefaultsWritten.Diagnostics));
        Assert.Equal(asShipped.Settings!.Instance, withDefaultsWritten.Settings!.Instance);
        Assert.Equal(asShipped.Settings.Overlay.Source, withDefaultsWritten.Settings.Overlay.Source);
        Assert.Equal(asShipped.Settings.Overlay.MasqueradeLans, withDefaultsWritten.Settings.Overlay.MasqueradeLans);
        Assert.Equal(asShipped.Settings.Overlay.AllowedLans, withDefaultsWritten.Settings.Overlay.AllowedLans);
        Assert.Equal(asShipped.Settings.Egress, withDefaultsWritten.Settings.Egress);
    }

    [Fact]
    public void The_interface_alternative_in_the_example_loads_too()
    {
        var alternative = Example
            .Replace("zerotier_network = ", "# zerotier_network = ", StringComparison.Ordinal)
            .Replace("#interface = ", "interface = ", StringComparison.Ordinal)
            .Replace("#subnets = ", "subnets = ", StringComparison.Ordinal);

        var result = ConfigLoader.Load(alternative, InstalledAs);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal("wg0", Assert.IsType<Causeway.Core.Model.InterfaceOverlaySource>(result.Settings!.Overlay.Source).InterfaceName);
    }

    /// <summary>The repository root: the first directory up from the test binary that holds Causeway.slnx.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Causeway.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Causeway.slnx above {AppContext.BaseDirectory}");
    }

    /// <summary>"key = value" lines, commented ("# key = ...", "#key = ...") or not.</summary>
    [GeneratedRegex(@"^#? ?(?<line>(?<key>[a-z_]+) = .*)$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();
}
