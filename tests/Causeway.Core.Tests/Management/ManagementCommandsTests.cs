using Causeway.Core.Management;
using Xunit;

namespace Causeway.Core.Tests.Management;

public sealed class ManagementCommandsTests
{
    [Fact]
    public void Password_with_quotes_and_backslashes_is_escaped_like_the_config_lexer_wants()
    {
        Assert.Equal("password \"Auth\" \"p@ss \\\"x\\\"\"", ManagementCommands.Password("Auth", "p@ss \"x\""));
        Assert.Equal("username \"Auth\" \"a\\\\b c\"", ManagementCommands.Username("Auth", "a\\b c"));
        Assert.Equal("\"\"", ManagementCommands.Quote(""));
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    [InlineData("nul\0")]
    public void A_line_break_cannot_be_smuggled_into_a_second_command(string value) =>
        Assert.Throws<ArgumentException>(() => ManagementCommands.Password("Auth", value));

    [Theory]
    [InlineData("state", "MultiLine")]
    [InlineData("state on", "SingleLine")]
    [InlineData("state off", "SingleLine")]
    [InlineData("state all", "MultiLine")]
    [InlineData("state 3", "MultiLine")]
    [InlineData("state on all", "SingleLine+MultiLine")]
    [InlineData("state all on", "MultiLine+SingleLine")]
    [InlineData("log on all", "SingleLine+MultiLine")]
    [InlineData("echo all", "MultiLine")]
    [InlineData("status", "MultiLine")]
    [InlineData("status 3", "MultiLine")]
    [InlineData("version", "MultiLine")]
    [InlineData("version 3", "None")]
    [InlineData("help", "MultiLine")]
    [InlineData("remote-entry-get all", "MultiLine")]
    [InlineData("hold release", "SingleLine")]
    [InlineData("bytecount 1", "SingleLine")]
    [InlineData("signal SIGTERM", "SingleLine")]
    [InlineData("password \"Auth\" \"x y\"", "SingleLine")]
    [InlineData("client-auth 1 2\npush \"route 10.0.0.0 255.0.0.0\"\nEND", "SingleLine")]
    [InlineData("quit", "None")]
    [InlineData("", "None")]
    public void Reply_shapes(string command, string shape) =>
        Assert.Equal(shape, ManagementCommands.ShapeOf(command).ToString());

    [Fact]
    public void Byte_count_command() => Assert.Equal("bytecount 5", ManagementCommands.ByteCount(5));
}
