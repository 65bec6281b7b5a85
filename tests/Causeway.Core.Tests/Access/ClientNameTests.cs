using Causeway.Core.Access;
using Xunit;

namespace Causeway.Core.Tests.Access;

public sealed class ClientNameTests
{
    [Theory]
    [InlineData("phone")]
    [InlineData("Anna-Phone_2")]
    [InlineData("laptop.home")]
    [InlineData("7")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void Usable_names(string text)
    {
        Assert.True(ClientName.TryParse(text, out var name, out _));
        Assert.Equal(text, name.Value);
        Assert.Equal(text, ClientName.Parse(text).ToString());
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "is 33 characters long; at most 32")]
    [InlineData("-phone", "must start with a letter or a digit")]
    [InlineData(".hidden", "must start with a letter or a digit")]
    [InlineData("anna phone", "may only have letters, digits")]
    [InlineData("anna/phone", "may only have letters, digits")]
    [InlineData("anna@home", "may only have letters, digits")]
    [InlineData("télé", "may only have letters, digits")]
    [InlineData("DEFAULT", "is reserved")]
    [InlineData("default", "is reserved")]
    public void Unusable_names_say_why(string text, string problem)
    {
        Assert.False(ClientName.TryParse(text, out _, out var found));
        Assert.StartsWith(problem, found, StringComparison.Ordinal);

        var error = Assert.Throws<AccessClientException>(() => ClientName.Parse(text));
        Assert.StartsWith($"client name \"{text}\" {problem}", error.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. \"anna-phone\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_are_not_echoed()
    {
        var error = Assert.Throws<AccessClientException>(() => ClientName.Parse("a\nb"));

        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"a?b\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_match_without_regard_to_case()
    {
        Assert.True(ClientName.Parse("Phone").Matches("phone"));
        Assert.False(ClientName.Parse("phone").Matches("phone2"));
    }
}
