using System.Numerics;

namespace Causeway.Engine.Access;

/// <summary>A revoked client: the CN whose live sessions to end (`client-kill`), and what the CRL now says.</summary>
/// <param name="CommonName">Its certificate's CN (its name as added).</param>
/// <param name="CrlNumber">The number of the CRL that lists it.</param>
public sealed record AccessRevocation(string CommonName, string SerialNumberHex, DateTimeOffset RevokedAt, BigInteger? CrlNumber);
