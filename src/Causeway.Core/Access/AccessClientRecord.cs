using System.Text.Json.Serialization;

namespace Causeway.Core.Access;

/// <summary>One client in the registry: a certificate issued under a name. Revoked clients stay, for the record.</summary>
/// <param name="Name">The certificate's common name.</param>
/// <param name="SerialNumberHex">The certificate's serial (uppercase hex): what the CRL lists once it is revoked.</param>
/// <param name="Created">When the certificate was issued.</param>
/// <param name="NotAfter">When the certificate expires.</param>
/// <param name="RevokedAt">When it was revoked; null while it may connect.</param>
public sealed record AccessClientRecord(
    string Name,
    string SerialNumberHex,
    DateTimeOffset Created,
    DateTimeOffset NotAfter,
    DateTimeOffset? RevokedAt)
{
    [JsonIgnore]
    public bool IsRevoked => RevokedAt is not null;
}
