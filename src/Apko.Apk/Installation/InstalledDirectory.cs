namespace Apko.Apk.Installation;

/// <summary>
/// A directory a package lists, with the files it installed there: an <c>F:</c> record of the installed database
/// followed by its <c>R:</c> records.
/// </summary>
public sealed class InstalledDirectory
{
    private readonly List<InstalledFile> _files = [];

    /// <summary>Creates a directory record.</summary>
    /// <param name="path">Path from the root without leading or trailing slash; empty for the root.</param>
    /// <param name="acl">Owner and mode the package declares.</param>
    public InstalledDirectory(string path, FileAcl acl)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        Acl = acl;
    }

    /// <summary>Path from the root without leading or trailing slash; empty for the root.</summary>
    public string Path { get; }

    /// <summary>Owner and mode the package declares; <see cref="FileAcl.DefaultDirectory"/> writes no <c>M:</c>.</summary>
    public FileAcl Acl { get; internal set; }

    /// <summary>Files in installation order, without those a later package took over.</summary>
    public IReadOnlyList<InstalledFile> Files => _files;

    /// <summary>Returns the path of a file in this directory.</summary>
    public string PathOf(string fileName) => Path.Length == 0 ? fileName : Path + "/" + fileName;

    internal void AddFile(InstalledFile file) => _files.Add(file);

    internal void ReplaceFile(InstalledFile file)
    {
        var index = _files.FindIndex(existing => existing.Name == file.Name);
        if (index < 0)
        {
            _files.Add(file);
            return;
        }

        _files[index] = file;
    }

    internal void RemoveFile(string name) => _files.RemoveAll(file => file.Name == name);
}
