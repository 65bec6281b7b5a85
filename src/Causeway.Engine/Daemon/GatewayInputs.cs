using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Core.Profiles;

namespace Causeway.Engine.Daemon;

/// <summary>Everything `up` and `plan` need from the user's files, all checked.</summary>
/// <param name="Profile">The provider's profile, sanitized; null with an overlay gateway (no tunnel on this host).</param>
/// <param name="OpenVpnConfig">The client config OpenVPN will be started with (sanitized profile + Causeway's lines); null with an overlay gateway.</param>
/// <param name="Sources">Where each key is in the config file, for later checks that name a line (null: unknown).</param>
public sealed record GatewayInputs(CausewaySettings Settings, SanitizedProfile? Profile, string? OpenVpnConfig, ConfigSourceMap? Sources = null);
