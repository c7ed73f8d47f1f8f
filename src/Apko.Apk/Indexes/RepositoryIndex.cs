namespace Apko.Apk.Indexes;

/// <summary>The index of one repository for one architecture, ready for resolution.</summary>
/// <param name="Repository">The repository the index came from; its tag pins its packages.</param>
/// <param name="Arch">APK architecture name, such as <c>x86_64</c>.</param>
/// <param name="Index">The parsed index.</param>
public sealed record RepositoryIndex(Repository Repository, string Arch, ApkIndex Index)
{
    /// <summary>Returns the location of a package file of this repository: <c>&lt;repo&gt;/&lt;arch&gt;/&lt;name&gt;-&lt;version&gt;.apk</c>.</summary>
    public string GetPackageLocation(ApkPackage package) =>
        $"{Repository.Location}/{Arch}/{package.Name}-{package.Version}.apk";
}
