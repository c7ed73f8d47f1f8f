using Apko.Oci.Model;

namespace Apko.Oci.Layers;

/// <summary>Digests and sizes of the bytes a <see cref="ParallelGzipStream"/> received and wrote.</summary>
internal sealed record GzipResult(Digest InputDigest, long InputLength, Digest OutputDigest, long OutputLength);
