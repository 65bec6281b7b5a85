namespace Causeway.Core.Access;

/// <summary>
/// A client operation that cannot be done as asked: an invalid name, a name already in use, an unknown or already
/// revoked client. The message says what is wrong and what to do; the caller shows it as it is.
/// </summary>
public sealed class AccessClientException : Exception
{
    public AccessClientException(string message)
        : base(message)
    {
    }

    public AccessClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
