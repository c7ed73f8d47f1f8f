using Apko.Apk.Packages;

namespace Apko.Apk.Tests.Packages;

public sealed class ApkEntryChecksumTests
{
    private const string Hex = "0e617f66cd5b2d29f010cae1eab326479a3b0f1c";

    [Fact]
    public void ParseSha1_HexAndQ1_SameBytes()
    {
        var fromHex = ApkEntryChecksum.ParseSha1(Hex, "bin/busybox");
        var q1 = ApkEntryChecksum.FormatQ1(fromHex);

        Assert.Equal(Convert.FromHexString(Hex), fromHex);
        Assert.Equal(fromHex, ApkEntryChecksum.ParseSha1(q1, "bin/busybox"));
        Assert.StartsWith("Q1", q1);
    }

    [Theory]
    [InlineData("0e617f")]
    [InlineData("zz617f66cd5b2d29f010cae1eab326479a3b0f1c")]
    [InlineData("Q1AAAA")]
    public void ParseSha1_Invalid_ThrowsNamingEntry(string value)
    {
        var exception = Assert.Throws<ApkException>(() => ApkEntryChecksum.ParseSha1(value, "bin/busybox"));

        Assert.Equal("APKO2145", exception.Code);
        Assert.Contains("'bin/busybox'", exception.Message);
    }
}
