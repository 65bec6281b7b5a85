using System.Globalization;

namespace Causeway.Core.ZeroTier;

/// <summary>Network ids (16 hex digits) and node addresses (10 hex digits).</summary>
public static class ZeroTierIdentifiers
{
    public const int NetworkIdLength = 16;
    public const int NodeAddressLength = 10;

    public static bool IsNetworkId(string? value) => IsHex(value, NetworkIdLength);

    public static bool IsNodeAddress(string? value) => IsHex(value, NodeAddressLength);

    /// <summary>The 64-bit value of a network id; throws <see cref="FormatException"/> when it is not 16 hex digits.</summary>
    public static ulong ParseNetworkId(string networkId) =>
        IsNetworkId(networkId)
            ? ulong.Parse(networkId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : throw new FormatException($"'{networkId}' is not a ZeroTier network id (16 hex digits)");

    /// <summary>The 40-bit value of a node address; throws <see cref="FormatException"/> when it is not 10 hex digits.</summary>
    public static ulong ParseNodeAddress(string nodeAddress) =>
        IsNodeAddress(nodeAddress)
            ? ulong.Parse(nodeAddress, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : throw new FormatException($"'{nodeAddress}' is not a ZeroTier node address (10 hex digits)");

    /// <summary>The node address of the controller that serves a network: its first 10 hex digits.</summary>
    public static string ControllerAddressOf(string networkId) =>
        IsNetworkId(networkId)
            ? networkId[..NodeAddressLength].ToLowerInvariant()
            : throw new FormatException($"'{networkId}' is not a ZeroTier network id (16 hex digits)");

    private static bool IsHex(string? value, int length) =>
        value is not null && value.Length == length && value.All(char.IsAsciiHexDigit);
}
