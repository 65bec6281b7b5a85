using System.Net;
using Causeway.Core.ZeroTier;
using Xunit;

namespace Causeway.Core.Tests.ZeroTier;

public sealed class ZeroTierAddressTextTests
{
    [Theory]
    [InlineData("10.222.0.1/24", "10.222.0.0/24")]
    [InlineData("10.222.0.0/24", "10.222.0.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("fdcc:ca5e::c0/64", "fdcc:ca5e::/64")]
    [InlineData("fd2f:5042:fc3b:8bd2:e99:93fa:8d1d:33a9/88", "fd2f:5042:fc3b:8bd2:e99:9300::/88")]
    public void Networks_mask_host_bits(string text, string expected)
    {
        Assert.True(ZeroTierAddressText.TryParseNetwork(text, out var network));
        Assert.Equal(IPNetwork.Parse(expected), network);
    }

    [Theory]
    [InlineData("10.222.0.1")]
    [InlineData("10.222.0.1/33")]
    [InlineData("10.222.0.1/-1")]
    [InlineData("/24")]
    [InlineData("nonsense/8")]
    [InlineData("")]
    public void Rejects_what_is_not_address_slash_prefix(string text) =>
        Assert.False(ZeroTierAddressText.TryParseAddressWithPrefix(text, out _, out _));
}
