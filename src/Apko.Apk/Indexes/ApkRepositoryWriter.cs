using Apko.Apk.Packages;
using Apko.Apk.Signing;

namespace Apko.Apk.Indexes;

/// <summary>
/// Writes a local repository for one architecture, as apk-tools lays it out: <c>&lt;dir&gt;/&lt;arch&gt;/</c>
/// with one <c>&lt;name&gt;-&lt;version&gt;.apk</c> per package and an <c>APKINDEX.tar.gz</c>, plus the public key
/// as <c>&lt;dir&gt;/&lt;key name&gt;</c> when signed.
/// </summary>
public static class ApkRepositoryWriter
{
    /// <summary>Writes the packages, the index and the public key; returns the index written.</summary>
    /// <param name="directory">The repository directory, created when missing.</param>
    /// <param name="arch">The architecture directory name; index records carry it as <c>A:</c>.</param>
    /// <param name="packages">The packages, in index order.</param>
    /// <param name="signingKey">Signs the packages and the index, or null for an unsigned repository.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <exception cref="ApkException">A file cannot be written.</exception>
    public static async Task<ApkIndex> WriteAsync(
        string directory,
        string arch,
        IEnumerable<ApkPackageBuilder> packages,
        ApkSigningKey? signingKey,
        CancellationToken cancellationToken)
    {
        var archDirectory = Path.Combine(directory, arch);
        Directory.CreateDirectory(archDirectory);
        var records = new List<ApkPackage>();
        foreach (var package in packages)
        {
            var fileName = $"{package.Metadata.Name}-{package.Metadata.Version}.apk";
            var record = await ApkPackageWriter
                .WriteAsync(package, Path.Combine(archDirectory, fileName), signingKey, cancellationToken)
                .ConfigureAwait(false);
            records.Add(record with { Arch = arch });
        }

        var index = new ApkIndex("", records);
        await ApkIndexWriter
            .WriteArchiveAsync(Path.Combine(archDirectory, "APKINDEX.tar.gz"), index, signingKey, cancellationToken)
            .ConfigureAwait(false);
        if (signingKey is not null)
        {
            await AtomicFile.WriteAsync(
                    Path.Combine(directory, signingKey.Name),
                    System.Text.Encoding.UTF8.GetBytes(signingKey.ExportPublicKeyPem()),
                    cancellationToken)
                .ConfigureAwait(false);
        }

        return index;
    }
}
