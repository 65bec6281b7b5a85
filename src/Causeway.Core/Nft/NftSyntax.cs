using System.Net;

namespace Causeway.Core.Nft;

/// <summary>
/// Pieces of nft syntax built from values. nft strings have no escapes, so a value that cannot be written
/// safely is refused here rather than written wrong.
/// </summary>
public static class NftSyntax
{
    /// <summary>A quoted string: interface names, comments.</summary>
    public static string Quote(string value)
    {
        if (value.Length == 0 || value.Any(c => c == '"' || c == '\\' || char.IsControl(c)))
        {
            throw new ArgumentException($"\"{value}\" cannot be written in an nft ruleset (empty, or has quotes, backslashes or control characters)", nameof(value));
        }

        return $"\"{value}\"";
    }

    /// <summary>An identifier: table and chain names.</summary>
    public static string Identifier(string value)
    {
        if (value.Length == 0 || value.Length > 64 || !char.IsAsciiLetter(value[0])
            || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new ArgumentException($"\"{value}\" is not a valid nft name (a letter, then letters, digits, _ - .; at most 64)", nameof(value));
        }

        return value;
    }

    /// <summary>`iifname "zt0"` for one interface, `iifname { "zt0", "tun1" }` for several.</summary>
    public static string InterfaceMatch(string selector, IReadOnlyList<string> names) =>
        names.Count == 1
            ? $"{selector} {Quote(names[0])}"
            : $"{selector} {{ {string.Join(", ", names.Select(Quote))} }}";

    /// <summary>`ip daddr 10.0.0.0/8` for one network, `ip daddr { a, b }` for several; host networks as addresses.</summary>
    public static string NetworkMatch(string selector, IReadOnlyList<IPNetwork> networks) =>
        networks.Count == 1
            ? $"{selector} {Network(networks[0])}"
            : $"{selector} {{ {string.Join(", ", networks.Select(Network))} }}";

    /// <summary>`ip daddr 10.0.0.1` or `ip daddr { a, b }`.</summary>
    public static string AddressMatch(string selector, IReadOnlyList<IPAddress> addresses) =>
        addresses.Count == 1
            ? $"{selector} {addresses[0]}"
            : $"{selector} {{ {string.Join(", ", addresses)} }}";

    private static string Network(IPNetwork network) => Netlink.NetworkMath.Format(network);
}
