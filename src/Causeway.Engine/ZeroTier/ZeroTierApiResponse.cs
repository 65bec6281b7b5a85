using System.Net;

namespace Causeway.Engine.ZeroTier;

/// <summary>A raw answer of the local API, kept with the request for error messages.</summary>
internal sealed record ZeroTierApiResponse(HttpMethod Method, string Path, string Endpoint, HttpStatusCode Status, byte[] Body);
