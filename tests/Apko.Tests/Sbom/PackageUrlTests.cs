using Apko.Sbom;

namespace Apko.Tests.Sbom;

public sealed class PackageUrlTests
{
    [Theory]
    [InlineData(null, "image")]
    [InlineData("", "image")]
    [InlineData("golden:latest", "golden")]
    [InlineData("golden", "golden")]
    [InlineData("localhost:5000/org/app:1.0", "app")]
    [InlineData("registry.example/org/app@sha256:abc", "app")]
    [InlineData("localhost:5000/app", "app")]
    public void ImageName_TakesLastRepositorySegment(string? reference, string expected)
    {
        Assert.Equal(expected, PackageUrl.ImageName(reference));
    }

    [Fact]
    public void Oci_SortsAndQueryEscapesQualifiers()
    {
        var purl = PackageUrl.Oci("golden", "sha256:ab", new Dictionary<string, string>
        {
            ["os"] = "linux",
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["arch"] = "amd64",
        });

        Assert.Equal(
            "pkg:oci/golden@sha256:ab?arch=amd64&mediaType=application%2Fvnd.oci.image.manifest.v1%2Bjson&os=linux",
            purl);
    }

    [Theory]
    [InlineData("alpine", "musl", "1.2.4_git2-r4", "x86_64", "pkg:apk/alpine/musl@1.2.4_git2-r4?arch=x86_64")]
    [InlineData("alpine", "libstdc++", "13.2.1-r0", "", "pkg:apk/alpine/libstdc++@13.2.1-r0")]
    [InlineData("wolfi", "a b", "1@2", "x86_64", "pkg:apk/wolfi/a%20b@1%402?arch=x86_64")]
    public void Apk_BuildsPurl(string ns, string name, string version, string arch, string expected)
    {
        Assert.Equal(expected, PackageUrl.Apk(ns, name, version, arch));
    }

    [Fact]
    public void TryParseApk_ReadsNameVersionArch()
    {
        var ok = PackageUrl.TryParseApk(
            "pkg:apk/wolfi/test-pkg@1.0.0-r0?arch=x86_64&distro=wolfi", out var name, out var version, out var arch);

        Assert.True(ok);
        Assert.Equal(("test-pkg", "1.0.0-r0", "x86_64"), (name, version, arch));
    }

    [Theory]
    [InlineData("pkg:npm/lodash@4.17.21")]
    [InlineData("pkg:apk/wolfi/noversion")]
    [InlineData("not a purl")]
    public void TryParseApk_RejectsOthers(string purl)
    {
        Assert.False(PackageUrl.TryParseApk(purl, out _, out _, out _));
    }

    [Fact]
    public void GitHub_BuildsPurl()
    {
        Assert.Equal("pkg:github/org/repo@abc", PackageUrl.GitHub("org", "repo", "abc"));
    }
}
