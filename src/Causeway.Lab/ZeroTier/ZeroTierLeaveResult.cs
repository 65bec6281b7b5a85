using System.Text.Json.Serialization;

namespace Causeway.Lab.ZeroTier;

/// <summary>`DELETE /network/{nwid}`: `{"result":true}` when left, `{}` (so false here) when not joined; both 200.</summary>
public sealed record ZeroTierLeaveResult
{
    [JsonPropertyName("result")]
    public bool Result { get; init; }
}
