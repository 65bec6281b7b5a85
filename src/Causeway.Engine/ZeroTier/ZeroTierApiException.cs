namespace Causeway.Engine.ZeroTier;

/// <summary>A failed call to zerotier-one's local API; the message says what was done and what to do next.</summary>
public sealed class ZeroTierApiException(ZeroTierApiErrorKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ZeroTierApiErrorKind Kind { get; } = kind;
}
