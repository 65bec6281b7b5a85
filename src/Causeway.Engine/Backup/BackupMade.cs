using System.Collections.Immutable;
using Causeway.Core.Backup;

namespace Causeway.Engine.Backup;

/// <summary>What <see cref="BackupMaker.Make"/> made: the bundle's text, what it holds, and what it left out (and why).</summary>
public sealed record BackupMade(BackupContents Contents, string Text, ImmutableArray<string> LeftOut);
