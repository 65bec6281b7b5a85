namespace Causeway.Lab.State;

/// <summary>
/// What `lab up` recorded of a second host that runs `causeway up` (Dinosaur's VM): the world's own gateway keeps
/// these in <see cref="LabState"/> itself.
/// </summary>
/// <param name="Node">The host's node, e.g. vm.</param>
/// <param name="DefaultRoutes">Its own default routes (v4 and v6) before `causeway up`.</param>
/// <param name="SnapshotBeforeUpPath">Its host snapshot taken before `causeway up`.</param>
public sealed record LabHostState(string Node, IReadOnlyList<string> DefaultRoutes, string? SnapshotBeforeUpPath);
