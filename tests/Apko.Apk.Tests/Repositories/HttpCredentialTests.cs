using Apko.Apk.Repositories;

namespace Apko.Apk.Tests.Repositories;

public sealed class HttpCredentialTests
{
    [Fact]
    public void ParseHttpAuth_SplitsHostUserPassword()
    {
        var credential = HttpCredential.ParseHttpAuth("basic:repo.example:me:pass:with:colons");

        Assert.Equal(new HttpCredential("repo.example", "me", "pass:with:colons"), credential);
    }

    [Theory]
    [InlineData("")]
    [InlineData("basic:repo.example:me")]
    [InlineData("bearer:repo.example:me:pw-Secret-1")]
    [InlineData("basic::me:pw-Secret-1")]
    public void ParseHttpAuth_InvalidValueRejectedWithoutEcho(string value)
    {
        var error = Assert.Throws<ApkException>(() => HttpCredential.ParseHttpAuth(value));

        Assert.Equal("APKO2050", error.Code);
        Assert.Contains("basic:HOST:USER:PASSWORD", error.Message);
        Assert.DoesNotContain("pw-Secret-1", error.Message);
    }

    [Fact]
    public void ToString_HidesPassword()
    {
        var text = new HttpCredential("repo.example", "me", "pw-Secret-1").ToString();

        Assert.DoesNotContain("pw-Secret-1", text);
        Assert.Contains("repo.example", text);
    }
}
