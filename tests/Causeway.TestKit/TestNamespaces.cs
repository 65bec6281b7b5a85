namespace Causeway.TestKit;

/// <summary>
/// How the tests' network namespaces begin: "cw-" (build.sh test looks for what is left under it), or
/// $CAUSEWAY_TEST_NETNS_PREFIX (exactly four characters, e.g. "cwm-"), so that several people testing on one machine
/// each see and clean up only their own.
/// </summary>
public static class TestNamespaces
{
    public static string? Lead => Environment.GetEnvironmentVariable("CAUSEWAY_TEST_NETNS_PREFIX") is { Length: 4 } lead ? lead : null;
}
