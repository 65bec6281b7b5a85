namespace Causeway.Core.Tunnel;

/// <summary>What the supervisor must say to OpenVPN in answer to a management event (<see cref="TunnelStep.Reaction"/>).</summary>
public enum TunnelReaction
{
    /// <summary>Nothing: the event only changes the status, or only the log.</summary>
    None,

    /// <summary>`hold release`: OpenVPN hibernates (`>HOLD:`) until it is told to go on, at start and after restarts.</summary>
    ReleaseHold,

    /// <summary>`signal SIGTERM`: OpenVPN waits for something nobody here will give (a typed password).</summary>
    Terminate,
}
