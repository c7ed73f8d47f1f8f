namespace Apko.Apk.FileSystem;

/// <summary>A node and its path from the root, as <see cref="ImageFileSystem.Walk"/> yields them.</summary>
/// <param name="Path">Path from the root without a leading or trailing slash, such as <c>usr/lib/apk</c>.</param>
/// <param name="Node">The node itself.</param>
public readonly record struct FileSystemEntry(string Path, FileNode Node);
