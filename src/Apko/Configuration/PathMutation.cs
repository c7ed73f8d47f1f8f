namespace Apko.Configuration;

/// <summary>A filesystem mutation of the <c>paths</c> section.</summary>
public sealed record PathMutation
{
    /// <summary>The absolute path in the image (<c>path</c>).</summary>
    public string Path { get; init; } = "";

    /// <summary>What to do at <see cref="Path"/> (<c>type</c>).</summary>
    public PathMutationType Type { get; init; }

    /// <summary>The owner (<c>uid</c>); <see langword="null"/> when omitted.</summary>
    public uint? Uid { get; init; }

    /// <summary>The group (<c>gid</c>); <see langword="null"/> when omitted.</summary>
    public uint? Gid { get; init; }

    /// <summary>
    /// The mode bits, including setuid, setgid and sticky (<c>permissions</c>); <see langword="null"/> when omitted.
    /// </summary>
    public uint? Permissions { get; init; }

    /// <summary>The link target of a <c>hardlink</c> or <c>symlink</c> (<c>source</c>).</summary>
    public string Source { get; init; } = "";

    /// <summary>
    /// Whether a <c>directory</c> or <c>permissions</c> change applies to everything below the path (<c>recursive</c>).
    /// </summary>
    public bool Recursive { get; init; }

    /// <summary>Returns the YAML spelling of a mutation type, such as <c>empty-file</c>.</summary>
    public static string ToYamlName(PathMutationType type) => type switch
    {
        PathMutationType.Directory => "directory",
        PathMutationType.EmptyFile => "empty-file",
        PathMutationType.Hardlink => "hardlink",
        PathMutationType.Symlink => "symlink",
        PathMutationType.Permissions => "permissions",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown path mutation type."),
    };

    /// <summary>
    /// Parses the YAML spelling of a mutation type; returns <see langword="false"/> for an unknown one.
    /// </summary>
    public static bool TryParseType(string value, out PathMutationType type)
    {
        foreach (var candidate in Enum.GetValues<PathMutationType>())
        {
            if (ToYamlName(candidate) == value)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
