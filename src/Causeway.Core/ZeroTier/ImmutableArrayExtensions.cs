using System.Collections.Immutable;

namespace Causeway.Core.ZeroTier;

/// <summary>A JSON array the daemon left out deserializes as a default (uninitialised) ImmutableArray.</summary>
internal static class ImmutableArrayExtensions
{
    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> array) => array.IsDefault ? [] : array;
}
