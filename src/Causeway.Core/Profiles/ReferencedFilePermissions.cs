namespace Causeway.Core.Profiles;

/// <summary>The mode and owner of a file a profile names.</summary>
/// <param name="OwnerUid">-1 when unknown.</param>
public sealed record ReferencedFilePermissions(UnixFileMode Mode, int OwnerUid);
