using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Model;

/// <summary>The overlay whose members' internet traffic Causeway forwards.</summary>
/// <param name="Source">Where the interface and subnets come from.</param>
/// <param name="AllowedLans">The host's other networks overlay members may reach. Empty unless listed.</param>
/// <param name="MasqueradeLans">Masquerade overlay traffic into the allowed LANs (their hosts have no route back).</param>
public sealed record OverlaySettings(
    OverlaySource Source,
    ImmutableArray<IPNetwork> AllowedLans,
    bool MasqueradeLans);
