using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// Source-generated JSON for the parts of zerotier-one's API the stand-in serves and Causeway never reads (the network
/// list, the peer list, health, leave, the self-hosted controller), and one peer, which Causeway reads through its own
/// ZeroTierJsonContext. The same options as that context, so that the stand-in writes them as the daemon does (nulls
/// written, compact).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ImmutableArray<ZeroTierNetwork>))]
[JsonSerializable(typeof(ZeroTierHealth))]
[JsonSerializable(typeof(ZeroTierLeaveResult))]
[JsonSerializable(typeof(ZeroTierPeer))]
[JsonSerializable(typeof(ImmutableArray<ZeroTierPeer>))]
[JsonSerializable(typeof(ZeroTierControllerInfo))]
[JsonSerializable(typeof(ZeroTierControllerNetwork))]
[JsonSerializable(typeof(ZeroTierControllerMember))]
[JsonSerializable(typeof(ImmutableArray<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
public sealed partial class ZeroTierLabJsonContext : JsonSerializerContext;
