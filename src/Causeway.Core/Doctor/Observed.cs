namespace Causeway.Core.Doctor;

/// <summary>Makes <see cref="Observed{T}"/>s.</summary>
public static class Observed
{
    public static Observed<T> Of<T>(T value) => new(true, value, string.Empty, false);

    /// <param name="whyNot">Why it was not read, said after "could not be read: ".</param>
    /// <param name="needsRoot">Root would have read it.</param>
    public static Observed<T> Unread<T>(string whyNot, bool needsRoot = false) => new(false, default!, whyNot, needsRoot);
}
