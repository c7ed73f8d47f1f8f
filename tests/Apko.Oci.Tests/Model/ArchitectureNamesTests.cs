using Apko.Oci.Model;

namespace Apko.Oci.Tests.Model;

public sealed class ArchitectureNamesTests
{
    [Theory]
    [InlineData("x86", "386", null)]
    [InlineData("x86_64", "amd64", null)]
    [InlineData("amd64", "amd64", null)]
    [InlineData("aarch64", "arm64", null)]
    [InlineData("arm64", "arm64", null)]
    [InlineData("armhf", "arm", "v6")]
    [InlineData("arm/v6", "arm", "v6")]
    [InlineData("armv7", "arm", "v7")]
    [InlineData("linux/arm/v7", "arm", "v7")]
    [InlineData("loongarch64", "loong64", null)]
    [InlineData("loong64", "loong64", null)]
    [InlineData("ppc64le", "ppc64le", null)]
    [InlineData("riscv64", "riscv64", null)]
    [InlineData("s390x", "s390x", null)]
    public void ToPlatform_AcceptsEitherSpelling(string name, string architecture, string? variant)
    {
        var platform = ArchitectureNames.ToPlatform(name);

        Assert.Equal(architecture, platform.Architecture);
        Assert.Equal(variant, platform.Variant);
        Assert.Equal("linux", platform.Os);
    }

    [Theory]
    [InlineData("amd64", "x86_64")]
    [InlineData("arm/v7", "armv7")]
    [InlineData("arm/v6", "armhf")]
    [InlineData("386", "x86")]
    [InlineData("aarch64", "aarch64")]
    public void ToApkArchitecture_MapsOciNames(string name, string expected)
    {
        Assert.Equal(expected, ArchitectureNames.ToApkArchitecture(name));
    }

    [Fact]
    public void ToApkArchitecture_FromPlatformWithVariant()
    {
        Assert.Equal("armv7", ArchitectureNames.ToApkArchitecture(new Platform("arm", Variant: "v7")));
    }

    [Theory]
    [InlineData("arm")]
    [InlineData("sparc")]
    [InlineData("")]
    public void ToPlatform_UnknownName_Throws(string name)
    {
        var exception = Assert.Throws<OciException>(() => ArchitectureNames.ToPlatform(name));

        Assert.Equal("APKO4001", exception.Code);
    }
}
