using System.Collections.Immutable;

namespace Causeway.Lab.ZeroTier;

/// <summary>The node the stand-in pretends to be.</summary>
public sealed record ZeroTierStandInNode
{
    /// <summary>10 hex digits; null = a random one.</summary>
    public string? Address { get; init; }

    /// <summary>`address:0:hex`; null = one made up from the address.</summary>
    public string? Identity { get; init; }

    /// <summary>The real default planet's id unless set (the captures used a private planet, 7777777).</summary>
    public long PlanetWorldId { get; init; } = 149604618;

    public long PlanetWorldTimestamp { get; init; } = 1644592324813;

    /// <summary>Pretend UDP is blocked: /status says tcpFallbackActive and every peer is tunneled.</summary>
    public bool TcpFallbackActive { get; init; }

    public bool AllowTcpFallbackRelay { get; init; } = true;

    /// <summary>`ip/port` pairs for /status; null = ["127.0.0.1/&lt;port&gt;"].</summary>
    public ImmutableArray<string>? ListeningOn { get; init; }

    /// <summary>`ip/port` pairs for /status; null = the same as <see cref="ListeningOn"/>.</summary>
    public ImmutableArray<string>? SurfaceAddresses { get; init; }
}
