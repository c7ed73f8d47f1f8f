using Apko.Apk.Indexes;

namespace Apko.Apk.Repositories;

/// <summary>
/// One package file to fetch: <c>&lt;repository&gt;/&lt;arch&gt;/&lt;file name&gt;</c>.
/// </summary>
/// <param name="Repository">The repository whose index lists the package.</param>
/// <param name="Arch">APK architecture name, such as <c>x86_64</c>.</param>
/// <param name="FileName">The file name, <c>&lt;name&gt;-&lt;version&gt;.apk</c>.</param>
/// <param name="ExpectedChecksum">
/// The index's <c>C:</c> value (<c>Q1</c> and the base64 SHA-1 of the control stream), or null when unknown.
/// </param>
public sealed record PackageFetchRequest(Repository Repository, string Arch, string FileName, string? ExpectedChecksum);
