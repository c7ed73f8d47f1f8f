namespace Apko.Oci.Layers;

/// <summary>Rejects entries whose values a tar header cannot carry or that would make an ambiguous layer.</summary>
internal static class LayerEntryValidator
{
    private const long MaxDeviceNumber = (1L << 21) - 1;
    private const int MaxMode = 0xFFF;

    /// <summary>Checks one entry and throws the first problem found.</summary>
    /// <exception cref="OciException">The entry cannot be written.</exception>
    public static void Validate(LayerEntry entry)
    {
        ValidatePath(entry.Path);
        var path = entry.Path;
        if (((int)entry.Mode & ~MaxMode) != 0)
        {
            throw LayerErrors.InvalidField(path, "mode", $"0{(int)entry.Mode:o} has bits above 07777");
        }

        if (entry.Uid < 0 || entry.Gid < 0)
        {
            throw LayerErrors.InvalidField(path, "owner", $"uid {entry.Uid} and gid {entry.Gid} must not be negative");
        }

        if (entry.UserName.Contains('\0') || entry.GroupName.Contains('\0') || entry.LinkTarget.Contains('\0'))
        {
            throw LayerErrors.InvalidField(path, "name", "owner names and link targets must not contain NUL");
        }

        ValidateTypeFields(entry);
        foreach (var name in entry.Xattrs?.Keys ?? [])
        {
            if (name.Length == 0 || name.Contains('=') || name.Contains('\0'))
            {
                throw LayerErrors.InvalidField(path, "extended attribute name", $"'{name}' is empty or has '=' or NUL");
            }
        }
    }

    private static void ValidateTypeFields(LayerEntry entry)
    {
        var path = entry.Path;
        var isFile = entry.Type == LayerEntryType.RegularFile;
        if (entry.Size < 0 || (!isFile && entry.Size != 0))
        {
            throw LayerErrors.InvalidField(path, "size", $"{entry.Size} is not allowed for a {entry.Type} entry");
        }

        if (isFile && entry.Size > 0 && entry.OpenContent is null)
        {
            throw LayerErrors.InvalidField(path, "content", $"Size is {entry.Size} but OpenContent is null");
        }

        var isLink = entry.Type is LayerEntryType.SymbolicLink or LayerEntryType.HardLink;
        if (isLink != (entry.LinkTarget.Length > 0))
        {
            throw LayerErrors.InvalidField(path, "link target", isLink ? "it is empty" : "only links have one");
        }

        var isDevice = entry.Type is LayerEntryType.CharacterDevice or LayerEntryType.BlockDevice;
        if (entry.DevMajor is < 0 or > (int)MaxDeviceNumber || entry.DevMinor is < 0 or > (int)MaxDeviceNumber
            || (!isDevice && (entry.DevMajor != 0 || entry.DevMinor != 0)))
        {
            throw LayerErrors.InvalidField(
                path,
                "device number",
                $"{entry.DevMajor},{entry.DevMinor} is out of range (0 to 2097151) or set on a non-device entry");
        }
    }

    private static void ValidatePath(string path)
    {
        if (path.Length == 0)
        {
            throw LayerErrors.InvalidPath(path, "it is empty");
        }

        if (path.Contains('\0'))
        {
            throw LayerErrors.InvalidPath(path, "it contains NUL");
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                throw LayerErrors.InvalidPath(path, $"it has a '{segment}' segment");
            }
        }
    }
}
