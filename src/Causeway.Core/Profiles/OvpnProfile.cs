using System.Collections.Immutable;

namespace Causeway.Core.Profiles;

/// <summary>A provider .ovpn file split into options, exactly as OpenVPN would split it, nothing judged yet.</summary>
/// <param name="Path">Where the profile came from: diagnostics name it, and relative file references start from its directory.</param>
/// <param name="Directives">Options and inline blocks in file order.</param>
/// <param name="Diagnostics">Lines OpenVPN could not read (bad quoting, too long, an unterminated block …).</param>
public sealed record OvpnProfile(
    string Path,
    ImmutableArray<OvpnDirective> Directives,
    ImmutableArray<ProfileDiagnostic> Diagnostics);
