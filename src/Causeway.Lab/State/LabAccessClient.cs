namespace Causeway.Lab.State;

/// <summary>
/// A client `causeway client add` made for a phone of the world: where its profile went and what it held then, so
/// that the checks can show the phone runs it unmodified.
/// </summary>
/// <param name="Node">The phone that imports it.</param>
/// <param name="ProfileSha256">SHA-256 of the profile as `client add` wrote it (lowercase hex).</param>
public sealed record LabAccessClient(string Name, string Node, string ProfilePath, string ProfileSha256, DateTimeOffset AddedAt);
