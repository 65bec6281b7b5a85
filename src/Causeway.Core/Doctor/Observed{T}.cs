namespace Causeway.Core.Doctor;

/// <summary>Something `causeway doctor` tried to read from the host: what it read, or why it could not.</summary>
/// <typeparam name="T">What was read.</typeparam>
public sealed class Observed<T>
{
    private readonly T _value;

    internal Observed(bool isRead, T value, string whyNot, bool needsRoot)
    {
        IsRead = isRead;
        _value = value;
        WhyNot = whyNot;
        NeedsRoot = needsRoot;
    }

    public bool IsRead { get; }

    /// <summary>What was read; throws when <see cref="IsRead"/> is false.</summary>
    public T Value => IsRead ? _value : throw new InvalidOperationException($"not read: {WhyNot}");

    /// <summary>Why it was not read (empty when it was).</summary>
    public string WhyNot { get; }

    /// <summary>It was not read because this process is not root (`sudo causeway doctor` would read it).</summary>
    public bool NeedsRoot { get; }

    public bool TryGet(out T value)
    {
        value = _value;
        return IsRead;
    }
}
