using System.Collections.Immutable;
using Causeway.Core.Planning;

namespace Causeway.Engine.HostState;

/// <summary>
/// What Causeway changed on the host that its names alone do not show: the sysctls it set (with their
/// values before), and the names it used, so that `down` undoes exactly that even after a config change.
/// </summary>
/// <param name="Owned">The names of the last applied `up`; null before the first.</param>
public sealed record StateFile(int Version, OwnedNames? Owned, ImmutableArray<RecordedSysctl> Sysctls)
{
    public const int CurrentVersion = 1;

    public static readonly StateFile Empty = new(CurrentVersion, null, []);

    public RecordedSysctl? Find(string name) => Sysctls.IsDefault ? null : Sysctls.FirstOrDefault(s => s.Name == name);
}
