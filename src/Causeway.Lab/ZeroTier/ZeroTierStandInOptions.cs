using System.Net;
using Causeway.Engine.Seams;

namespace Causeway.Lab.ZeroTier;

/// <summary>How to run the ZeroTier stand-in.</summary>
public sealed record ZeroTierStandInOptions
{
    /// <summary>Where to listen. The real daemon listens on all addresses but answers loopback only; so does this.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 = any free one (see <see cref="ZeroTierStandIn.Port"/>).</summary>
    public int Port { get; init; } = 9993;

    /// <summary>
    /// False: start as a host that boots before zerotier-one listens (connections refused, the port file from the
    /// last run in place) until <see cref="ZeroTierStandIn.StartListeningAsync"/>.
    /// </summary>
    public bool ListenAtStart { get; init; } = true;

    /// <summary>Where authtoken.secret (0600, reused if present) and zerotier-one.port are written.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>A scenario file; ignored when <see cref="Scenario"/> is set. Neither = a lone node with no networks.</summary>
    public string? ScenarioPath { get; init; }

    public ZeroTierStandInScenario? Scenario { get; init; }

    /// <summary>Overrides the scenario's timings.</summary>
    public ZeroTierStandInTimings? Timings { get; init; }

    /// <summary>Every delay and clock value of the simulation.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>null = the real filesystem.</summary>
    public IFileSystem? FileSystem { get; init; }

    /// <summary>Gets one line per request (`GET /status 200`); null = quiet.</summary>
    public Action<string>? Log { get; init; }
}
