namespace Apko.Configuration;

/// <summary>The kind of a <c>paths</c> entry, spelled in YAML as its <c>type</c> value.</summary>
public enum PathMutationType
{
    /// <summary><c>directory</c>: create the directory and its parents.</summary>
    Directory,

    /// <summary><c>empty-file</c>: create or truncate a file.</summary>
    EmptyFile,

    /// <summary><c>hardlink</c>: link the path to <see cref="PathMutation.Source"/>.</summary>
    Hardlink,

    /// <summary><c>symlink</c>: a symbolic link to <see cref="PathMutation.Source"/>.</summary>
    Symlink,

    /// <summary><c>permissions</c>: change the mode and ownership of an existing path.</summary>
    Permissions,
}
