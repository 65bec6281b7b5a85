using System.Collections.Immutable;
using Causeway.Core.Model;

namespace Causeway.Core.Doctor;

/// <summary>The config as `causeway doctor` found it.</summary>
/// <param name="Lines">Every error and warning about it and the files it names, one line each (`file:line:column: …`).</param>
/// <param name="Settings">The validated settings when <paramref name="State"/> is <see cref="DoctorConfigState.Valid"/>.</param>
public sealed record DoctorConfigFacts(string Path, DoctorConfigState State, ImmutableArray<string> Lines, CausewaySettings? Settings = null)
{
    public static DoctorConfigFacts Absent(string path) => new(path, DoctorConfigState.Absent, []);

    public static DoctorConfigFacts Loaded(CausewaySettings settings, ImmutableArray<string> lines) =>
        new(settings.ConfigPath, DoctorConfigState.Valid, lines, settings);
}
