namespace Causeway.Engine.Doctor;

/// <summary>What `causeway doctor` was asked to look at.</summary>
/// <param name="ConfigPath">The config file (made absolute against the working directory by the reader).</param>
/// <param name="ConfigIsDefault">Not named with --config: a missing file is then "no config", not bad input.</param>
/// <param name="BuildDate">When this binary was built (a clock before it is wrong); null when unknown.</param>
public sealed record DoctorRequest(string ConfigPath, bool ConfigIsDefault, DateTimeOffset? BuildDate);
