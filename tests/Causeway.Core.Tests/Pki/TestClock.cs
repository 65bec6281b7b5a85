namespace Causeway.Core.Tests.Pki;

/// <summary>Fixed instants for PKI tests: certificates are made "now" and checked at other times.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan TenYears = TimeSpan.FromDays(3650);

    public static readonly TimeSpan TwoYears = TimeSpan.FromDays(730);
}
