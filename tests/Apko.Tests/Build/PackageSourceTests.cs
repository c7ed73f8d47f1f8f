using Apko.Build;

namespace Apko.Tests.Build;

public sealed class PackageSourceTests
{
    [Theory]
    [InlineData("./keys/alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")]
    [InlineData("https://example.test/keys/alpine-devel%40lists.alpinelinux.org-6165ee59.rsa.pub", "alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub")]
    [InlineData("melange.rsa.pub", "melange.rsa.pub")]
    public void KeyFileName_TakesUnescapedBaseName(string entry, string expected)
    {
        Assert.Equal(expected, PackageSource.KeyFileName(entry));
    }

    [Fact]
    public void KeyFileName_DirectoryFails()
    {
        var error = Assert.Throws<ApkoException>(() => PackageSource.KeyFileName(".."));

        Assert.Contains("'..'", error.Message);
    }
}
