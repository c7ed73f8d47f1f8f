namespace Apko.Configuration;

/// <summary>
/// The experimental <c>contents.baseimage</c> section. Parsed, but building on a base image is not built yet.
/// </summary>
/// <param name="Image">The OCI image layout directory of the base image.</param>
/// <param name="ApkIndex">The directory holding <c>&lt;arch&gt;/APKINDEX</c> of the base image's packages.</param>
public sealed record BaseImageDescriptor(string Image, string ApkIndex);
