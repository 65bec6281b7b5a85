using System.Net;

namespace Causeway.Engine.Tests.ZeroTier;

/// <summary>A raw answer of the stand-in.</summary>
internal sealed record StandInReply(HttpStatusCode Status, string Body);
