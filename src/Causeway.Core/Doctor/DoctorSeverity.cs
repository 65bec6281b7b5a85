using System.Text.Json.Serialization;

namespace Causeway.Core.Doctor;

/// <summary>How bad a finding of `causeway doctor` is. Only <see cref="Problem"/> makes it exit non-zero.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DoctorSeverity>))]
public enum DoctorSeverity
{
    /// <summary>Checked, and as Causeway needs it.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>Works, but worth a look (it may pass by itself, or only costs performance).</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Causeway will not work, or not as it should, until the fix is applied.</summary>
    [JsonStringEnumMemberName("problem")]
    Problem,

    /// <summary>Could not be checked: it needs root, a config, or something else that is missing (said in the finding).</summary>
    [JsonStringEnumMemberName("unchecked")]
    Unchecked,
}
