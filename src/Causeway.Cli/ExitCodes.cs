namespace Causeway.Cli;

/// <summary>What `causeway` exits with, so scripts and systemd can tell a bad input from a failure.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed while running (the daemon is not running, an apply failed...).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: the config, the profile or a file it names. Nothing on the host was changed.</summary>
    public const int InvalidInput = 2;
}
