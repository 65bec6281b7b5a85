using System.Net;

namespace Causeway.TestKit;

/// <summary>A raw answer of the stand-in.</summary>
public sealed record StandInReply(HttpStatusCode Status, string Body);
