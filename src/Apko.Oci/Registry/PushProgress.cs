using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>A progress event of a push, for a blob, a manifest or a tag.</summary>
/// <param name="Stage">What happened.</param>
/// <param name="Digest">Digest of the blob or manifest.</param>
/// <param name="BytesDone">Bytes of the blob sent so far; the whole size once it exists, is mounted or
/// uploaded.</param>
/// <param name="BytesTotal">Size of the blob or manifest in bytes.</param>
/// <param name="Reference">The full reference of a manifest or tag push; null for blobs.</param>
public sealed record PushProgress(
    PushStage Stage,
    Digest Digest,
    long BytesDone,
    long BytesTotal,
    string? Reference = null);
