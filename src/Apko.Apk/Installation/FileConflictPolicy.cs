using Apko.Apk.Indexes;

namespace Apko.Apk.Installation;

/// <summary>
/// Decides what happens when a package installs a file another package already owns, by apk-tools 2.14's rules
/// plus one allowance taken from apko: identical content is never a conflict.
/// </summary>
internal static class FileConflictPolicy
{
    private static readonly char[] s_constraintOperators = ['<', '>', '=', '~'];

    /// <summary>Returns true to overwrite the existing file, false to keep it; throws on a real conflict.</summary>
    public static bool ShouldOverwrite(FileOwner existing, ApkPackage incoming, PlannedEntry entry)
    {
        var owner = existing.Package.Package;
        if (owner.Name == incoming.Name || (incoming.Origin.Length > 0 && owner.Origin == incoming.Origin))
        {
            return true;
        }

        var ownerPriority = Replaces(owner, incoming) ? owner.ReplacesPriority : -1;
        var incomingPriority = Replaces(incoming, owner) ? incoming.ReplacesPriority : -1;
        if (ownerPriority > incomingPriority)
        {
            return false;
        }

        if (incomingPriority >= 0)
        {
            return true;
        }

        if (entry.Checksum is not null && entry.Checksum == existing.File.Checksum)
        {
            return false;
        }

        throw InstallationErrors.FileConflict(incoming, entry.Path, owner);
    }

    // NOTE: a versioned replaces entry such as 'foo<2' matches every version of 'foo'; apk-tools checks the version.
    private static bool Replaces(ApkPackage package, ApkPackage other) =>
        package.Replaces.Any(entry => NameOf(entry) == other.Name);

    private static string NameOf(string constraint)
    {
        var end = constraint.IndexOfAny(s_constraintOperators);
        return end < 0 ? constraint : constraint[..end];
    }
}
