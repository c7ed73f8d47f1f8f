namespace Apko.Sbom;

/// <summary>The fields of <c>/etc/os-release</c> that the SBOM uses.</summary>
/// <param name="Id"><c>ID</c>, such as <c>alpine</c>; the purl namespace of every installed package.</param>
/// <param name="Name"><c>NAME</c>, such as <c>Alpine Linux</c>; the supplier of the image and its packages.</param>
/// <param name="VersionId"><c>VERSION_ID</c>, such as <c>3.19.1</c>; empty when absent.</param>
internal sealed record OsRelease(string Id, string Name, string VersionId)
{
    /// <summary>What apko assumes when the image has no <c>/etc/os-release</c>.</summary>
    public static OsRelease Unknown { get; } = new("unknown", "apko-generated image", "");
}
