using System.Globalization;
using System.Text;
using Apko.Apk.Packages;
using Apko.Apk.Signing;

namespace Apko.Apk.Indexes;

/// <summary>
/// Writes APKINDEX text in apk-tools' field order and signed <c>APKINDEX.tar.gz</c> archives, for local
/// repositories. The same input gives the same bytes.
/// </summary>
public static class ApkIndexWriter
{
    /// <summary>
    /// Returns the APKINDEX text: one record per package, fields in apk-tools' order (<c>C P V A S I T U L o m t c k
    /// D p i</c>), each record followed by a blank line. <c>r:</c> and <c>q:</c>, which apk-tools leaves out of
    /// indexes, are written last when set, so that readers keep <c>replaces</c>.
    /// </summary>
    public static string WriteText(IEnumerable<ApkPackage> packages)
    {
        var text = new StringBuilder();
        foreach (var package in packages)
        {
            AppendRecord(text, package);
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes a signed or unsigned <c>APKINDEX.tar.gz</c> to a file, replacing it only once complete.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="index">The description and packages.</param>
    /// <param name="signingKey">The key to sign with, or null for an unsigned index.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ApkException">The file cannot be written.</exception>
    public static Task WriteArchiveAsync(
        string path,
        ApkIndex index,
        ApkSigningKey? signingKey,
        CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, CreateArchive(index, signingKey), cancellationToken);

    /// <summary>Writes a signed or unsigned <c>APKINDEX.tar.gz</c> to a stream.</summary>
    public static async Task WriteArchiveAsync(
        Stream output,
        ApkIndex index,
        ApkSigningKey? signingKey,
        CancellationToken cancellationToken) =>
        await output.WriteAsync(CreateArchive(index, signingKey), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Returns the archive bytes: the signature member (when <paramref name="signingKey"/> is set) over the member
    /// that contains the tar of <c>DESCRIPTION</c> and <c>APKINDEX</c>.
    /// </summary>
    public static byte[] CreateArchive(ApkIndex index, ApkSigningKey? signingKey)
    {
        using var tar = new MemoryStream();
        var description = Encoding.UTF8.GetBytes(index.Description);
        var text = Encoding.UTF8.GetBytes(WriteText(index.Packages));
        TarBlockWriter.WriteEntry(tar, new TarHeader { Name = "DESCRIPTION" }, description);
        TarBlockWriter.WriteEntry(tar, new TarHeader { Name = "APKINDEX" }, text);
        TarBlockWriter.WriteEnd(tar);
        var content = GzipMemberWriter.Compress(tar.ToArray());
        return signingKey is null ? content : [.. SignatureMemberWriter.Create(signingKey, content), .. content];
    }

    private static void AppendRecord(StringBuilder text, ApkPackage package)
    {
        Append(text, 'C', package.Checksum ?? "", optional: true);
        Append(text, 'P', package.Name);
        Append(text, 'V', package.Version);
        Append(text, 'A', package.Arch, optional: true);
        Append(text, 'S', package.Size);
        Append(text, 'I', package.InstalledSize);
        Append(text, 'T', package.Description);
        Append(text, 'U', package.Url);
        Append(text, 'L', package.License);
        Append(text, 'o', package.Origin, optional: true);
        Append(text, 'm', package.Maintainer, optional: true);
        Append(text, 't', package.BuildTime, optional: true);
        Append(text, 'c', package.Commit, optional: true);
        Append(text, 'k', package.ProviderPriority, optional: true);
        Append(text, 'D', string.Join(' ', package.Dependencies), optional: true);
        Append(text, 'p', string.Join(' ', package.Provides), optional: true);
        Append(text, 'i', string.Join(' ', package.InstallIf), optional: true);
        Append(text, 'r', string.Join(' ', package.Replaces), optional: true);
        Append(text, 'q', package.ReplacesPriority, optional: true);
    }

    private static void Append(StringBuilder text, char field, long value, bool optional = false)
    {
        if (value != 0 || !optional)
        {
            Append(text, field, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Append(StringBuilder text, char field, string value, bool optional = false)
    {
        if (value.Length > 0 || !optional)
        {
            text.Append(field).Append(':').Append(value).Append('\n');
        }
    }
}
