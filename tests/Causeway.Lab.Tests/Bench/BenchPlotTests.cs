using System.Xml.Linq;
using Causeway.Lab.Bench;
using Xunit;

namespace Causeway.Lab.Tests.Bench;

/// <summary>The benchmarks' SVG: well-formed, one bar per value, longer for larger values, the reference drawn.</summary>
public sealed class BenchPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Each_bar_is_as_long_as_its_value_and_labels_are_escaped()
    {
        var document = XDocument.Parse(BenchPlot.Svg(
            "phone → internet <whole chain>",
            "Mbit/s",
            [new BenchBar("udp & chain", 200, "chain"), new BenchBar("provider tunnel", 400, "bare")],
            (300, "goal")));

        var bars = document.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("height") == "22").ToList();
        Assert.Equal(2, bars.Count);
        var widths = bars.Select(b => double.Parse((string)b.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2.0, widths[1] / widths[0], 2);
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "udp & chain");
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "phone → internet <whole chain>");
        Assert.Single(document.Descendants(Svg + "line"));
    }

    [Fact]
    public void An_empty_chart_is_still_a_valid_image()
    {
        var document = XDocument.Parse(BenchPlot.Svg("nothing measured", "×", []));

        Assert.Empty(document.Descendants(Svg + "line"));
        Assert.Equal("svg", document.Root!.Name.LocalName);
    }
}
