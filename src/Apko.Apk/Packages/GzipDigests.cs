namespace Apko.Apk.Packages;

/// <summary>The digests of the compressed bytes a <see cref="GzipFeeder"/> computes while it reads.</summary>
[Flags]
internal enum GzipDigests
{
    None = 0,
    Sha1 = 1,
    Sha256 = 2,
}
