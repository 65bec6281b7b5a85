using Causeway.Core.Profiles;

namespace Causeway.Core.Backup;

/// <summary>
/// The files a provider profile names (ca, cert, key, tls-auth, tls-crypt, crl-verify …), found as `up` finds them:
/// by the sanitizer, which asks for exactly the files whose content it would inline, resolved against the profile's
/// directory. `backup` carries them; `restore` puts back only files the profile in the bundle really names.
/// </summary>
public static class ProfileReferences
{
    /// <param name="profile">The profile's text.</param>
    /// <param name="profilePath">Where the profile is (or is to be restored): relative names resolve against its directory.</param>
    /// <returns>Full paths, in the order the profile names them, each once.</returns>
    public static IReadOnlyList<string> Of(string profile, string profilePath)
    {
        var named = new List<string>();
        ProfileSanitizer.SanitizeChecked(ProfileParser.Parse(profile, profilePath), path =>
        {
            var full = Path.GetFullPath(path, Path.GetDirectoryName(profilePath) ?? "/");
            if (!named.Contains(full))
            {
                named.Add(full);
            }

            // Its content is not needed: only which files are asked for.
            return ReferencedFile.Failed(null);
        });
        return named;
    }
}
