using Apko.Configuration;

namespace Apko.Tests.Configuration;

public sealed class ArchitectureTests
{
    [Theory]
    [InlineData("x86", "x86", "386", null)]
    [InlineData("386", "x86", "386", null)]
    [InlineData("x86_64", "x86_64", "amd64", null)]
    [InlineData("amd64", "x86_64", "amd64", null)]
    [InlineData("aarch64", "aarch64", "arm64", null)]
    [InlineData("arm64", "aarch64", "arm64", null)]
    [InlineData("armhf", "armhf", "arm", "v6")]
    [InlineData("arm/v6", "armhf", "arm", "v6")]
    [InlineData("armv7", "armv7", "arm", "v7")]
    [InlineData("arm/v7", "armv7", "arm", "v7")]
    [InlineData("loongarch64", "loongarch64", "loong64", null)]
    [InlineData("loong64", "loongarch64", "loong64", null)]
    [InlineData("ppc64le", "ppc64le", "ppc64le", null)]
    [InlineData("riscv64", "riscv64", "riscv64", null)]
    [InlineData("s390x", "s390x", "s390x", null)]
    public void TryParse_AcceptsApkAndOciNames(string name, string apkName, string ociArchitecture, string? variant)
    {
        Assert.True(Architecture.TryParse(name, out var architecture));

        Assert.Equal(apkName, architecture.ApkName);
        Assert.Equal(ociArchitecture, architecture.OciArchitecture);
        Assert.Equal(variant, architecture.OciVariant);
    }

    [Theory]
    [InlineData("sparc")]
    [InlineData("AMD64")]
    [InlineData("arm")]
    [InlineData("")]
    public void TryParse_RejectsUnknownNames(string name)
    {
        Assert.False(Architecture.TryParse(name, out _));
    }

    [Fact]
    public void All_IsSortedByOciName()
    {
        var names = Architecture.All.Select(arch => arch.OciName).ToList();

        Assert.Equal(["386", "amd64", "arm/v6", "arm/v7", "arm64", "loong64", "ppc64le", "riscv64", "s390x"], names);
    }

    [Fact]
    public void ParseList_AllExpandsToNine()
    {
        var list = Architecture.ParseList(["all"], Named("x86_64"));

        Assert.Equal(Architecture.All, list);
    }

    [Fact]
    public void ParseList_HostDedupesAndSorts()
    {
        Assert.True(Architecture.TryParse("riscv64", out var host));

        var list = Architecture.ParseList(["s390x", "host", "arm64", "aarch64", "riscv64"], host);

        Assert.Equal(["arm64", "riscv64", "s390x"], list.Select(arch => arch.OciName));
    }

    [Fact]
    public void ParseList_UnknownNameListsValidNames()
    {
        var exception = Assert.Throws<ConfigurationException>(
            () => Architecture.ParseList(["amd64", "mips"], Named("x86_64")));

        Assert.Equal(ConfigurationErrorCodes.InvalidArchitecture, exception.Code);
        Assert.StartsWith(
            "--arch: 'mips' is not a supported architecture. Use one of: 386 (x86), amd64 (x86_64)",
            exception.Message,
            StringComparison.Ordinal);
    }

    internal static Architecture Named(string name)
    {
        Assert.True(Architecture.TryParse(name, out var architecture), $"'{name}' is not an architecture.");
        return architecture;
    }
}
