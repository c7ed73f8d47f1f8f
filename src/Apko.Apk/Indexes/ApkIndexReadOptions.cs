using Apko.Apk.Signing;

namespace Apko.Apk.Indexes;

/// <summary>Options of <see cref="ApkIndexReader"/>.</summary>
public sealed record ApkIndexReadOptions
{
    /// <summary>Default <see cref="MaxSize"/>: 300 MiB (Alpine v3.19 community decompresses to about 8 MB).</summary>
    public const long DefaultMaxSize = 300L * 1024 * 1024;

    /// <summary>
    /// Trusted keys. When set, the index must carry a valid signature by one of them; when null, signatures are not
    /// checked (apko's <c>--ignore-signatures</c>).
    /// </summary>
    public Keyring? Keyring { get; init; }

    /// <summary>Largest decompressed size accepted, a guard against gzip bombs.</summary>
    public long MaxSize { get; init; } = DefaultMaxSize;

    /// <summary>Returns options that require a valid signature by a key of <paramref name="keyring"/>.</summary>
    public static ApkIndexReadOptions Verified(Keyring keyring) => new() { Keyring = keyring };

    /// <summary>Returns options that skip signature checks.</summary>
    public static ApkIndexReadOptions Unverified() => new();
}
