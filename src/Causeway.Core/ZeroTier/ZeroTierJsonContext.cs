using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// Source-generated JSON for zerotier-one's local and controller API (no reflection: the binary is NativeAOT).
/// Nulls are written (the daemon writes `"via":null`, `"remoteTraceTarget":null`); optional fields opt out
/// per property. Compact output, like the daemon's.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ZeroTierStatus))]
[JsonSerializable(typeof(ZeroTierHealth))]
[JsonSerializable(typeof(ZeroTierNetwork))]
[JsonSerializable(typeof(ImmutableArray<ZeroTierNetwork>))]
[JsonSerializable(typeof(ZeroTierNetworkSettingsUpdate))]
[JsonSerializable(typeof(ZeroTierLeaveResult))]
[JsonSerializable(typeof(ZeroTierPeer))]
[JsonSerializable(typeof(ImmutableArray<ZeroTierPeer>))]
[JsonSerializable(typeof(ZeroTierControllerInfo))]
[JsonSerializable(typeof(ZeroTierControllerNetwork))]
[JsonSerializable(typeof(ZeroTierControllerMember))]
[JsonSerializable(typeof(ImmutableArray<ZeroTierControllerRoute>))]
[JsonSerializable(typeof(ImmutableArray<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
public sealed partial class ZeroTierJsonContext : JsonSerializerContext;
