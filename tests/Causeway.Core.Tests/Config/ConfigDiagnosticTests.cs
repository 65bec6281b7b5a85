using Causeway.Core.Config;
using Causeway.Core.Model;
using Xunit;

namespace Causeway.Core.Tests.Config;

public sealed class ConfigDiagnosticTests
{
    [Fact]
    public void Reads_like_a_compiler_message_with_the_fix_in_parentheses()
    {
        var diagnostic = ConfigDiagnostic.Error("/etc/causeway/causeway.toml", new ConfigSourcePosition(12, 11),
            "overlay.subnets[1]: \"10.147.17.5/24\" has host bits set", "write \"10.147.17.0/24\"");

        Assert.Equal("/etc/causeway/causeway.toml:12:11: error: overlay.subnets[1]: \"10.147.17.5/24\" has host bits set (write \"10.147.17.0/24\")",
            diagnostic.ToString());
    }

    [Fact]
    public void Without_a_fix_or_a_position_the_parts_are_left_out()
    {
        var diagnostic = new ConfigDiagnostic(DiagnosticSeverity.Warning, "/etc/causeway/causeway.toml", 0, 0, "something", null);

        Assert.Equal("/etc/causeway/causeway.toml: warning: something", diagnostic.ToString());
        Assert.False(diagnostic.IsError);
        Assert.False(diagnostic.Position.IsKnown);
    }

    [Fact]
    public void Errors_about_a_key_point_at_its_value_through_the_source_map()
    {
        var sources = ConfigAssert.Loads(ConfigAssert.Minimal).Sources;

        var diagnostic = ConfigDiagnostic.Error(sources, ConfigKeys.EgressProfile, "egress.profile: gone", "fix it");

        Assert.Equal(new ConfigDiagnostic(DiagnosticSeverity.Error, ConfigAssert.File, 5, 11, "egress.profile: gone", "fix it"), diagnostic);
    }
}
