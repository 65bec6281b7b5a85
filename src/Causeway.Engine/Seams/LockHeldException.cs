namespace Causeway.Engine.Seams;

/// <summary><see cref="IFileSystem.LockExclusive"/> waited its time and another process still holds the lock.</summary>
public sealed class LockHeldException(string message) : IOException(message);
