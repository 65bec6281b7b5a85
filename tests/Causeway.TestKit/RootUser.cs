using Causeway.Linux.Platform;

namespace Causeway.TestKit;

/// <summary>
/// Whether the tests run as root. Tests that need the kernel (network namespaces, nftables, OpenVPN) are skipped
/// without it, with <see cref="SkipReason"/>; under root (build.sh test, CI) nothing is skipped.
/// </summary>
public static class RootUser
{
    public const string SkipReason = "needs root (network namespaces, nftables, OpenVPN): run as root, e.g. sudo ./build.sh test";

    public static bool IsRoot { get; } = new LinuxHostIdentity().IsRoot;
}
