using System.Text;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// The `causeway` users install carries only the product: the lab is its own program (`causeway-lab`), which
/// drives `causeway` as a process. Until it was split off, `causeway lab ...` (serve, probe, verify-auth, the
/// ZeroTier stand-in) ran as root from the same binary, and its types were linked in.
/// </summary>
public sealed class ProductBinaryTests
{
    [Theory]
    [InlineData("lab", "up", "uno")]
    [InlineData("lab", "serve", "echo", "--listen", "127.0.0.1:7")]
    [InlineData("lab", "verify-auth", "/dev/null", "/dev/null")]
    public async Task The_product_has_no_lab_command_hidden_or_not(params string[] arguments)
    {
        var result = await new ProcessCommandRunner().RunAsync(new CommandSpec(CausewayBinary.Path, [.. arguments], Timeout: TimeSpan.FromSeconds(20)), TestContext.Current.CancellationToken);

        var output = $"exit {result.ExitCode}\n--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}";
        Assert.False(result.Succeeded, output);
        Assert.Contains("Unrecognized command or argument 'lab'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_product_binary_holds_none_of_the_labs_code()
    {
        var bytes = await File.ReadAllBytesAsync(CausewayBinary.Path, TestContext.Current.CancellationToken);

        // The AOT compiler keeps type names (exception stack traces, the JSON contexts): the lab's types would show
        // as "Causeway.Lab" in UTF-8 or UTF-16. The binary the lab was split from held it 4 times (UTF-8).
        foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
        {
            var needle = encoding.GetBytes("Causeway.Lab");
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{CausewayBinary.Path} holds \"Causeway.Lab\" ({encoding.WebName})");
        }
    }
}
