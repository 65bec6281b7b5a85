using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// Source-generated JSON for what Causeway reads from zerotier-one's local API (no reflection: the binary is
/// NativeAOT): its status, a network, a peer (the path to an overlay gateway), and the controller routes its advice
/// prints. Nulls are written (the daemon writes `"via":null`, `"remoteTraceTarget":null`); optional fields opt out
/// per property. Compact output, like the daemon's. The shapes only the lab's stand-in serves (the network list, the
/// peer list, health, leave, the controller) are the lab's (ZeroTierLabJsonContext).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ZeroTierStatus))]
[JsonSerializable(typeof(ZeroTierNetwork))]
[JsonSerializable(typeof(ZeroTierPeer))]
[JsonSerializable(typeof(ImmutableArray<ZeroTierControllerRoute>))]
public sealed partial class ZeroTierJsonContext : JsonSerializerContext;
