namespace Apko.Apk.Packages;

/// <summary>Decompressed size limits for the parts of an .apk, a guard against gzip bombs.</summary>
public sealed record ApkReadLimits
{
    /// <summary>
    /// Largest decompressed signature member: 1 MiB by default (one RSA signature entry takes about 1 KiB).
    /// </summary>
    public long MaxSignatureSize { get; init; } = 1024 * 1024;

    /// <summary>Largest decompressed control member (<c>.PKGINFO</c> and scripts): 10 MiB by default.</summary>
    public long MaxControlSize { get; init; } = 10L * 1024 * 1024;

    /// <summary>Largest decompressed data tar: 16 GiB by default.</summary>
    public long MaxDataSize { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>The default limits.</summary>
    public static ApkReadLimits Default { get; } = new();
}
