using System.Security.Cryptography;
using Apko.Apk.Indexes;
using Apko.Apk.Signing;
using Microsoft.Win32.SafeHandles;

namespace Apko.Apk.Packages;

/// <summary>
/// An opened .apk v2 file: its parsed control member, the digests and byte ranges of its gzip members, and access
/// to its data tar. The file stays open until disposed, so the data read later is the data that was hashed unless
/// another process rewrites the file in place.
/// </summary>
public sealed class ApkPackageFile : IDisposable, IAsyncDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly byte[] _controlSha1;
    private readonly byte[] _controlSha256;
    private readonly ApkReadLimits _limits;

    internal ApkPackageFile(ApkPackageFileParts parts, SafeFileHandle handle, ApkReadLimits limits)
    {
        Path = parts.Path;
        Metadata = parts.Metadata;
        ControlEntries = parts.ControlEntries;
        Signatures = parts.Signatures;
        SignatureRange = parts.SignatureRange;
        ControlRange = parts.ControlRange;
        DataRange = parts.DataRange;
        DataHash = parts.DataHash;
        _controlSha1 = parts.ControlSha1;
        _controlSha256 = parts.ControlSha256;
        _handle = handle;
        _limits = limits;
    }

    /// <summary>The file path.</summary>
    public string Path { get; }

    /// <summary>
    /// The package as <c>.PKGINFO</c> describes it, with <see cref="ApkPackage.Checksum"/> set to the control member
    /// checksum and <see cref="ApkPackage.Size"/> to the file size.
    /// </summary>
    public ApkPackage Metadata { get; }

    /// <summary>The control member's files in order: <c>.PKGINFO</c>, then scripts such as <c>.trigger</c>.</summary>
    public IReadOnlyList<ApkControlEntry> ControlEntries { get; }

    /// <summary>The package's own signatures; empty for an unsigned package.</summary>
    public IReadOnlyList<ApkSignature> Signatures { get; }

    /// <summary>The package checksum (index <c>C:</c>): <c>Q1</c> and base64 of the control member's SHA-1.</summary>
    public string Checksum => ApkEntryChecksum.FormatQ1(_controlSha1);

    /// <summary>Lowercase hex SHA-256 of the data member, which <c>.PKGINFO</c> <c>datahash</c> must equal.</summary>
    public string DataHash { get; }

    /// <summary>The signature member with its SHA-1, or null when the package is unsigned.</summary>
    public ApkMemberRange? SignatureRange { get; }

    /// <summary>The control member with its SHA-1.</summary>
    public ApkMemberRange ControlRange { get; }

    /// <summary>The data member with its SHA-256.</summary>
    public ApkMemberRange DataRange { get; }

    /// <summary>Returns the control entry of the given name, such as <c>.post-install</c>, or null.</summary>
    public ApkControlEntry? FindControlEntry(string name) =>
        ControlEntries.FirstOrDefault(entry => entry.Name == name);

    /// <summary>
    /// Checks the package against its record in a verified index, as apk-tools trusts packages: the control member
    /// checksum must equal the record's <c>C:</c>, then <c>.PKGINFO</c> <c>datahash</c> must equal the data hash.
    /// </summary>
    /// <param name="indexEntry">The package's record from a signed index.</param>
    /// <exception cref="ApkException">A checksum differs or <c>datahash</c> is missing.</exception>
    public void VerifyAgainstIndex(ApkPackage indexEntry)
    {
        if (!string.Equals(indexEntry.Checksum, Checksum, StringComparison.Ordinal))
        {
            throw PackageErrors.ChecksumMismatch(Path, indexEntry.Checksum ?? "(none)", Checksum, "the index");
        }

        VerifyDataHash();
    }

    /// <summary>
    /// Checks the package's own signature over its control member against a keyring, then the data hash. Used for
    /// packages read without an index.
    /// </summary>
    /// <exception cref="ApkException">The package is unsigned, its key is unknown, or a check fails.</exception>
    public void VerifySignature(Keyring keyring)
    {
        SignatureVerifier.Verify(
            Signatures,
            algorithm => algorithm == HashAlgorithmName.SHA256 ? _controlSha256 : _controlSha1,
            keyring,
            $"'{Path}'");
        VerifyDataHash();
    }

    /// <summary>
    /// Opens the decompressed data tar for reading. Each call returns a new independent stream; reads fail with
    /// <see cref="ApkException"/> on truncated or corrupt gzip data (CRC-32 and length are checked) or past
    /// <see cref="ApkReadLimits.MaxDataSize"/>.
    /// </summary>
    public Stream OpenDataTar()
    {
        var compressed = new FileRegionStream(_handle, DataRange.Offset, DataRange.Length);
        var feeder = new GzipFeeder(compressed, DataRange.Offset, $"'{Path}' data member", GzipDigests.None);
        return new GzipDecompressionStream(
            feeder,
            _limits.MaxDataSize,
            singleMember: false,
            () => PackageErrors.DataTooLarge(Path, _limits.MaxDataSize));
    }

    /// <summary>
    /// Writes the decompressed data tar to <paramref name="path"/> through a temporary file, so that a failed copy
    /// leaves no partial file.
    /// </summary>
    /// <exception cref="ApkException">The data is corrupt or too large, or the file cannot be written.</exception>
    public Task SaveDataTarAsync(string path, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(
            path,
            async (output, token) =>
            {
                await using var data = OpenDataTar();
                await data.CopyToAsync(output, token).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>Closes the file.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>Closes the file.</summary>
    public ValueTask DisposeAsync()
    {
        _handle.Dispose();
        return ValueTask.CompletedTask;
    }

    private void VerifyDataHash()
    {
        if (Metadata.DataHash is not { } expected)
        {
            throw PackageErrors.MissingDataHash(Path);
        }

        if (!string.Equals(expected, DataHash, StringComparison.OrdinalIgnoreCase))
        {
            throw PackageErrors.DataHashMismatch(Path, expected, DataHash);
        }
    }
}
