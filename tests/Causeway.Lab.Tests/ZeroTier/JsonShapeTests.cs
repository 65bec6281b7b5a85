using System.Text.Json;
using Xunit;

namespace Causeway.Lab.Tests.ZeroTier;

/// <summary>The comparer the shape tests rely on does catch what they are about.</summary>
public sealed class JsonShapeTests
{
    private static List<string> Compare(string expected, string actual, params string[] volatileKeys)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        return JsonShape.Differences(e.RootElement, a.RootElement, volatileKeys.ToHashSet());
    }

    [Theory]
    [InlineData("""{"a":1,"b":2}""", """{"b":2,"a":1}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""")]
    [InlineData("""{"via":null}""", """{"via":"10.0.0.1"}""")]
    [InlineData("""{"m":{"x":3}}""", """{"m":[["x",3]]}""")]
    [InlineData("""{"n":3}""", """{"n":"3"}""")]
    [InlineData("""{"n":3}""", """{"n":3.5}""")]
    [InlineData("""{"l":[]}""", """{"l":["x"]}""")]
    [InlineData("""{"l":[{"a":1}]}""", """{"l":[{"a":1},{"b":1}]}""")]
    [InlineData("""{"s":"OK"}""", """{"s":"ACCESS_DENIED"}""")]
    public void Finds_a_difference(string expected, string actual) =>
        Assert.NotEmpty(Compare(expected, actual));

    [Fact]
    public void Volatile_values_may_differ_but_not_their_shape()
    {
        Assert.Empty(Compare("""{"clock":1,"l":["a"]}""", """{"clock":2,"l":["a"]}""", "clock"));
        Assert.NotEmpty(Compare("""{"clock":1}""", """{"clock":"2"}""", "clock"));
        Assert.Empty(Compare("""{"m":[{"adi":0,"mac":"x"}]}""", """{"m":[{"adi":5,"mac":"y"},{"adi":0,"mac":"z"}]}""", "m"));
    }
}
