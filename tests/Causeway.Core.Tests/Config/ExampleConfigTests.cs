using System.Text.RegularExpressions;
using Causeway.Core.Config;
using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>examples/causeway.toml is what users copy: it must load, document every key, and tell the truth about defaults.</summary>
public sealed partial class ExampleConfigTests
{
    private const string InstalledAs = "/etc/causeway/causeway.toml";

    /// <summary>Commented lines that show an alternative or an example rather than the default.</summary>
    private static readonly string[] NotDefaults = ["interface", "subnets", "zerotier_port", "fallback_dns", "overlay_gateway", "gateway_status_port", "monthly_budget_gb"];

    /// <summary>Where the commented [access] section starts: everything after it belongs to it.</summary>
    private const string AccessHeader = "# [access]\n";

    private static readonly string Whole = File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "causeway.toml"));

    /// <summary>The example up to its commented [access] section (whose keys would land in [egress] if uncommented alone).</summary>
    private static readonly string Example = Whole[..Whole.IndexOf(AccessHeader, StringComparison.Ordinal)];

    /// <summary>Where the commented [service] section, after [access], starts.</summary>
    private const string ServiceHeader = "# [service]\n";

    /// <summary>The commented [access] section, header included, up to the [service] section.</summary>
    private static readonly string AccessPart = Whole[Whole.IndexOf(AccessHeader, StringComparison.Ordinal)..Whole.IndexOf(ServiceHeader, StringComparison.Ordinal)];

    [Fact]
    public void The_example_loads_without_a_diagnostic()
    {
        var result = ConfigLoader.Load(Whole, InstalledAs);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Settings!.Access);
        Assert.Equal("/etc/causeway/provider.ovpn", result.Settings!.Egress.ProfilePath);
        Assert.Equal("/etc/causeway/provider.auth", result.Settings.Egress.AuthPath);
    }

    [Fact]
    public void The_example_shows_every_key()
    {
        var shown = KeyLine().Matches(Whole).Select(m => m.Groups["key"].Value).ToHashSet();

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
    public void The_access_section_of_the_example_shows_the_real_defaults_once_uncommented()
    {
        var uncommented = KeyLine().Replace(AccessPart, m => m.Groups["key"].Value == "public_address" ? m.Value : m.Groups["line"].Value)
            .Replace(AccessHeader, "[access]\n", StringComparison.Ordinal);
        Assert.Contains("\nudp_port = 1194", uncommented, StringComparison.Ordinal);

        var withDefaultsWritten = ConfigLoader.Load(Example + uncommented, InstalledAs);
        var bare = ConfigLoader.Load(Example + "[access]\n", InstalledAs);

        Assert.True(withDefaultsWritten.Succeeded, string.Join('\n', withDefaultsWritten.Diagnostics));
        Assert.Empty(withDefaultsWritten.Diagnostics);
        Assert.NotNull(bare.Settings!.Access);
        Assert.Equal(bare.Settings.Access, withDefaultsWritten.Settings!.Access);
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
    [GeneratedRegex(@"^#? ?(?<line>(?<key>[a-z_][a-z0-9_]*) = .*)$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();
}
