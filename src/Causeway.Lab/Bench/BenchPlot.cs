using System.Globalization;
using System.Net;
using System.Text;

namespace Causeway.Lab.Bench;

/// <summary>
/// A benchmark's numbers as a horizontal bar chart in SVG, written beside its JSON report: self-contained (no
/// script, no fonts to fetch), so that it opens in any browser and reads in a pull request. One chart per figure,
/// bars coloured by group, an optional reference line (a goal or a bound) across them.
/// </summary>
public static class BenchPlot
{
    private const int Width = 760;
    private const int LabelWidth = 260;
    private const int BarHeight = 22;
    private const int Gap = 6;
    private const int Top = 48;
    private static readonly string[] Palette = ["#2f6db5", "#d9822b", "#3a9a5b", "#b5443a", "#7d5ab5", "#6b6b6b"];

    /// <param name="unit">What the values are, shown after each (e.g. "Mbit/s", "×").</param>
    /// <param name="reference">A value to draw a dashed line at, with its label (e.g. a goal); null for none.</param>
    public static string Svg(string title, string unit, IReadOnlyList<BenchBar> bars, (double Value, string Label)? reference = null)
    {
        var max = Math.Max(bars.Count == 0 ? 1 : bars.Max(b => b.Value), reference?.Value ?? 0) * 1.1;
        max = max <= 0 ? 1 : max;
        var groups = bars.Select(b => b.Group).Distinct().ToList();
        var height = Top + (bars.Count * (BarHeight + Gap)) + 40 + (groups.Count * 18);
        var scale = (Width - LabelWidth - 90) / max;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (i * (BarHeight + Gap));
            var length = Math.Max(0, bar.Value * scale);
            var colour = Palette[groups.IndexOf(bar.Group) % Palette.Length];
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{Escape(bar.Label)}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{length:0.#}\" height=\"{BarHeight}\" fill=\"{colour}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6:0.#}\" y=\"{y + 15}\">{bar.Value:0.##} {Escape(unit)}</text>\n");
        }

        var bottom = Top + (bars.Count * (BarHeight + Gap));
        if (reference is { } line)
        {
            var x = LabelWidth + (line.Value * scale);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{Top - 8}\" x2=\"{x:0.#}\" y2=\"{bottom}\" stroke=\"#b5443a\" stroke-dasharray=\"5,4\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 4:0.#}\" y=\"{Top - 12}\" fill=\"#b5443a\">{Escape(line.Label)}</text>\n");
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var y = bottom + 20 + (g * 18);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y - 10}\" width=\"12\" height=\"12\" fill=\"{Palette[g % Palette.Length]}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + 18}\" y=\"{y}\">{Escape(groups[g])}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
