using Causeway.Core.Pki;

namespace Causeway.Engine.Access;

/// <summary>
/// The access PKI cannot be used as it is. <see cref="Exception.Message"/> lists every problem, each naming its file
/// and the fix; <see cref="Problems"/> has them one by one. Nothing was changed.
/// </summary>
public sealed class AccessPkiException : Exception
{
    public AccessPkiException(IReadOnlyList<PkiProblem> problems, string message)
        : base(message)
    {
        Problems = problems;
    }

    public IReadOnlyList<PkiProblem> Problems { get; }
}
