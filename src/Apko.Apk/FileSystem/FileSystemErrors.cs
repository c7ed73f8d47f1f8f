namespace Apko.Apk.FileSystem;

/// <summary>Messages and codes of the errors an <see cref="ImageFileSystem"/> throws.</summary>
internal static class FileSystemErrors
{
    public static ApkException NotFound(string path) => new(
        "APKO2401",
        $"Image path '/{path}' does not exist. Create it, or its parent directory, first.");

    public static ApkException NotADirectory(string path) => new(
        "APKO2402",
        $"Image path '/{path}' is not a directory, so nothing can be created below it.");

    public static ApkException AlreadyExists(string path, FileNodeType type) => new(
        "APKO2403",
        $"Image path '/{path}' already exists as a {Describe(type)}. Remove it first.");

    public static ApkException SymlinkLoop(string path) => new(
        "APKO2404",
        $"Too many levels of symbolic links while resolving image path '/{path}'. Check the links on that path.");

    public static ApkException IsADirectory(string path) => new(
        "APKO2405",
        $"Image path '/{path}' is a directory; a file, link or device cannot replace it.");

    public static ApkException InvalidPath(string path) => new(
        "APKO2406",
        $"'{path}' is not a valid image path for this operation: it must name an entry below the root.");

    public static ApkException DirectoryNotEmpty(string path) => new(
        "APKO2407",
        $"Image directory '/{path}' is not empty. Remove it recursively to delete its contents too.");

    public static ApkException NotARegularFile(string path, FileNodeType type) => new(
        "APKO2408",
        $"Image path '/{path}' is a {Describe(type)}, not a regular file.");

    /// <summary>Returns whether <paramref name="error"/> is one of the errors above.</summary>
    public static bool IsFileSystemError(ApkException error) =>
        error.Code.StartsWith("APKO240", StringComparison.Ordinal);

    private static string Describe(FileNodeType type) => type switch
    {
        FileNodeType.Directory => "directory",
        FileNodeType.RegularFile => "regular file",
        FileNodeType.Symlink => "symbolic link",
        FileNodeType.HardLink => "hard link",
        FileNodeType.CharacterDevice => "character device",
        FileNodeType.BlockDevice => "block device",
        _ => "named pipe",
    };
}
