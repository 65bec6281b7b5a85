using System.Globalization;

namespace Causeway.Core.Host;

/// <summary>
/// Local groups as /etc/group lists them ("name:password:gid:members"), where the package's `addgroup --system`
/// puts the `causeway` group. Groups only a directory service (NSS, LDAP) knows are not seen: the status socket then
/// stays open to every local user, as without the group.
/// </summary>
public static class SystemGroups
{
    public const string Path = "/etc/group";

    /// <summary>The gid of group <paramref name="name"/> in <paramref name="etcGroup"/>'s text; null when it is not there.</summary>
    public static int? IdOf(string etcGroup, string name)
    {
        foreach (var line in etcGroup.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == name
                && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return gid;
            }
        }

        return null;
    }
}
