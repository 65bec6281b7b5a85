namespace Causeway.Core.Doctor;

/// <summary>What became of the config file `causeway doctor` was pointed at.</summary>
public enum DoctorConfigState
{
    /// <summary>No file at the default path: the checks that need a config are not run.</summary>
    Absent,

    /// <summary>It exists, but only root may read it.</summary>
    NeedsRoot,

    /// <summary>It has errors (or is missing where --config named it): bad input, as for every command.</summary>
    Invalid,

    /// <summary>Loaded; the checks use it.</summary>
    Valid,
}
