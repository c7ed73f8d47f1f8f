namespace Apko.Build.LdsoCache;

/// <summary>
/// The file names ldconfig considers: <c>lib*.so*</c> for shared libraries and <c>ld-*.so*</c> for the dynamic
/// loader, split into a base name and a version (<c>libfoo.so.1.2</c> is <c>libfoo</c> and <c>1.2</c>).
/// </summary>
internal static class LibraryFileName
{
    /// <summary>
    /// Splits <paramref name="fileName"/> into the part before its last <c>.so.</c> (or its final <c>.so</c>) and
    /// returns whether it is a library name at all.
    /// </summary>
    public static bool TryParse(string fileName, out string baseName)
    {
        baseName = "";
        if (!fileName.StartsWith("lib", StringComparison.Ordinal)
            && !fileName.StartsWith("ld-", StringComparison.Ordinal))
        {
            return false;
        }

        if (fileName.EndsWith(".so", StringComparison.Ordinal))
        {
            baseName = fileName[..^3];
            return true;
        }

        var index = fileName.LastIndexOf(".so.", StringComparison.Ordinal);
        if (index < 1)
        {
            return false;
        }

        baseName = fileName[..index];
        return true;
    }
}
