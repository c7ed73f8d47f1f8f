using Apko.Oci.Model;

namespace Apko.Oci.Layers;

/// <summary>Digests and sizes of the bytes a layer compressor received and wrote.</summary>
internal sealed record CompressionResult(Digest InputDigest, long InputLength, Digest OutputDigest, long OutputLength);
