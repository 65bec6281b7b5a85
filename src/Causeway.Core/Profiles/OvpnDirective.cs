using System.Collections.Immutable;

namespace Causeway.Core.Profiles;

/// <summary>One option of an OpenVPN config file, as OpenVPN itself would read it.</summary>
/// <param name="Name">The option name without any leading "--" (OpenVPN strips it in files too).</param>
/// <param name="Arguments">The parameters after the name, unquoted and unescaped.</param>
/// <param name="Line">1-based line of the option, or of the opening tag of an inline block.</param>
/// <param name="InlineContent">
/// For an inline block (<c>&lt;ca&gt;</c> … <c>&lt;/ca&gt;</c>): the text between the tags, each line ending in "\n";
/// null for an ordinary option line.
/// </param>
public sealed record OvpnDirective(string Name, ImmutableArray<string> Arguments, int Line, string? InlineContent = null)
{
    public bool IsInlineBlock => InlineContent is not null;

    /// <summary>The option as one would write it (for messages), e.g. <c>remote vpn.example.net 1194 udp</c>.</summary>
    public string Display => IsInlineBlock
        ? $"<{Name}>"
        : Arguments.IsEmpty ? Name : Name + " " + string.Join(' ', Arguments);
}
