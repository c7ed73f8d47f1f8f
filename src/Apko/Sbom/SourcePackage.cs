namespace Apko.Sbom;

/// <summary>The package that stands for the image configuration's source repository (apko's <c>vcs-url</c>).</summary>
internal static class SourcePackage
{
    /// <summary>
    /// Creates the source package for a URL such as <c>https://github.com/org/repo@COMMIT</c>, or returns null for
    /// an empty URL.
    /// </summary>
    public static SpdxPackage? Create(string? vcsUrl, string supplier)
    {
        if (string.IsNullOrEmpty(vcsUrl))
        {
            return null;
        }

        var (url, commit) = vcsUrl.LastIndexOf('@') is var at and > 0 && !vcsUrl[(at + 1)..].Contains('/')
            ? (vcsUrl[..at], vcsUrl[(at + 1)..])
            : (vcsUrl, "");
        var name = url;
        foreach (var scheme in (string[])["git+ssh://", "git://", "https://"])
        {
            name = name.StartsWith(scheme, StringComparison.Ordinal) ? name[scheme.Length..] : name;
        }

        var package = new SpdxPackage
        {
            SpdxId = "SPDXRef-Package-" + SpdxIdentifier.Sanitize(vcsUrl),
            Name = name,
            VersionInfo = commit,
            Supplier = supplier,
            PrimaryPackagePurpose = "SOURCE",
            Description = "Image configuration source",
            DownloadLocation = vcsUrl,
        };
        if (commit.Length > 0)
        {
            package.AddChecksum(new SpdxChecksum("SHA1", commit));
        }

        if (name.StartsWith("github.com/", StringComparison.Ordinal) && name.Split('/') is [_, var org, var repo, ..])
        {
            package.AddExternalRef(SpdxExternalRef.Purl(PackageUrl.GitHub(org, TrimGit(repo), commit)));
        }

        return package;
    }

    private static string TrimGit(string repo) => repo.EndsWith(".git", StringComparison.Ordinal) ? repo[..^4] : repo;
}
