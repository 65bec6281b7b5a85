using System.Collections.Immutable;

namespace Causeway.Core.Planning;

/// <summary>Run `ip` with these arguments.</summary>
public sealed record IpCommand(ImmutableArray<string> Arguments) : HostOperation
{
    public override string ToString() => $"ip {string.Join(' ', Arguments)}";
}
