using System.Text;

namespace Causeway.Core.Profiles;

/// <summary>Builds an OpenVPN config text line by line, quoting every parameter so OpenVPN reads it back unchanged.</summary>
internal sealed class ConfigWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>A comment line; a control character (a newline in a path …) cannot end it and start an option.</summary>
    public void Comment(string text) =>
        _text.Append("# ").Append(string.Concat(text.Select(c => char.IsControl(c) ? '?' : c))).Append('\n');

    public void Blank() => _text.Append('\n');

    public void Option(string name, params string[] arguments) =>
        _text.Append(OpenVpnQuoting.Line(name, arguments)).Append('\n');

    /// <summary>A fixed line written as is (for the few where quotes help the reader, e.g. pull-filter's text).</summary>
    public void Literal(string line) => _text.Append(line).Append('\n');

    /// <summary>An inline block; its content was checked by the sanitizer not to contain its own closing tag.</summary>
    public void Block(string name, string content)
    {
        _text.Append('<').Append(name).Append(">\n");
        _text.Append(content);
        if (content.Length > 0 && content[^1] != '\n')
        {
            _text.Append('\n');
        }

        _text.Append("</").Append(name).Append(">\n");
    }

    public override string ToString() => _text.ToString();
}
