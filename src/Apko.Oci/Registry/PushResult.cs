using Apko.Oci.Model;

namespace Apko.Oci.Registry;

/// <summary>What an <see cref="ImagePusher"/> pushed.</summary>
/// <param name="Reference">Digest reference of the pushed index (or single manifest) in the first tag's
/// repository.</param>
/// <param name="Descriptor">Descriptor of the pushed index (or single manifest).</param>
/// <param name="Manifests">Digest references of the manifests the index lists, in its order.</param>
/// <param name="Tags">Every tag reference that now points to <paramref name="Descriptor"/>.</param>
public sealed record PushResult(
    ImageReference Reference,
    Descriptor Descriptor,
    IReadOnlyList<ImageReference> Manifests,
    IReadOnlyList<ImageReference> Tags)
{
    /// <summary>
    /// Returns the <c>--image-refs</c> text: each manifest reference, then the index reference, one a line.
    /// </summary>
    public string FormatImageRefs() =>
        string.Concat(Manifests.Append(Reference).Select(reference => reference + "\n"));
}
