namespace Apko.Apk.Installation;

/// <summary>
/// The installed database of an image: its packages in installation order and which package owns each file path,
/// as apk-tools tracks them. Not thread-safe.
/// </summary>
public sealed class InstalledDatabase
{
    private readonly List<InstalledPackage> _packages = [];
    private readonly Dictionary<string, FileOwner> _owners = new(StringComparer.Ordinal);

    /// <summary>Packages in installation order.</summary>
    public IReadOnlyList<InstalledPackage> Packages => _packages;

    /// <summary>Returns the installed package named <paramref name="name"/>, or null.</summary>
    public InstalledPackage? Find(string name) => _packages.Find(package => package.Package.Name == name);

    /// <summary>
    /// Returns the package that owns the file at <paramref name="path"/> (a path as the package lists it, with or
    /// without a leading slash), or null.
    /// </summary>
    public InstalledPackage? FindFileOwner(string path) => FindOwner(path.TrimStart('/'))?.Package;

    /// <summary>
    /// Adds a package record and takes over ownership of the files it lists; a file a previous record listed is
    /// removed from that record.
    /// </summary>
    /// <exception cref="ApkException">A package with the same name is already installed.</exception>
    public void Add(InstalledPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (Find(package.Package.Name) is { } existing)
        {
            throw InstallationErrors.DuplicatePackage(package, existing);
        }

        _packages.Add(package);
        foreach (var directory in package.Directories)
        {
            foreach (var file in directory.Files.ToList())
            {
                ClaimFile(package, directory, file);
            }
        }
    }

    internal FileOwner? FindOwner(string path) => _owners.GetValueOrDefault(path);

    /// <summary>Records <paramref name="file"/> as installed by <paramref name="package"/> in its directory record.</summary>
    internal void SetFile(InstalledPackage package, InstalledDirectory directory, InstalledFile file)
    {
        var path = directory.PathOf(file.Name);
        if (_owners.TryGetValue(path, out var previous) && previous.Directory == directory)
        {
            directory.ReplaceFile(file);
        }
        else
        {
            directory.AddFile(file);
        }

        ClaimFile(package, directory, file);
    }

    /// <summary>Makes <paramref name="package"/> the owner of a file, removing it from its previous owner's record.</summary>
    private void ClaimFile(InstalledPackage package, InstalledDirectory directory, InstalledFile file)
    {
        var path = directory.PathOf(file.Name);
        if (_owners.TryGetValue(path, out var previous) && previous.Directory != directory)
        {
            previous.Directory.RemoveFile(file.Name);
        }

        _owners[path] = new FileOwner(package, directory, file);
    }
}
