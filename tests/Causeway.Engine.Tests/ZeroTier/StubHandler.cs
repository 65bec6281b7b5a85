using System.Net;
using System.Text;

namespace Causeway.Engine.Tests.ZeroTier;

/// <summary>An HTTP handler that answers (or fails) without a network: for daemons that cannot be had on loopback.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    public static StubHandler Answering(HttpStatusCode status, string body) =>
        new(_ => new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(answer(request));
    }
}
