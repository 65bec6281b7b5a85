using Causeway.Core.Management;
using Xunit;

namespace Causeway.Core.Tests.Management;

public sealed class ManagementLineSplitterTests
{
    [Fact]
    public void Crlf_lines_split_across_reads()
    {
        var splitter = new ManagementLineSplitter();

        Assert.Empty(splitter.Push(">INFO:OpenVPN Management"));
        Assert.Empty(splitter.Push(" Interface Version 5\r"));
        Assert.Equal(
            [">INFO:OpenVPN Management Interface Version 5", ">HOLD:Waiting for hold release:0"],
            splitter.Push("\n>HOLD:Waiting for hold release:0\r\nSUCC"));
        Assert.Equal("SUCC", splitter.Pending);
    }

    [Fact]
    public void Plain_newlines_also_end_lines() =>
        Assert.Equal(["a", "b"], new ManagementLineSplitter().Push("a\nb\n"));

    [Fact]
    public void The_password_prompt_comes_without_a_newline_and_is_still_a_line()
    {
        var splitter = new ManagementLineSplitter();

        Assert.Empty(splitter.Push("ENTER PASS"));
        Assert.Equal([ManagementLineSplitter.PasswordPrompt], splitter.Push("WORD:"));
        Assert.Equal("", splitter.Pending);
        Assert.Equal(["SUCCESS: password is correct"], splitter.Push("SUCCESS: password is correct\r\n"));
    }
}
