using Apko.Configuration;

namespace Apko.Tests.Configuration;

public sealed class CredentialRedactorTests
{
    [Theory]
    [InlineData("https://user:pass@host/os", "https://user:xxxxx@host/os")]
    [InlineData("https://user:p%40ss:word@host", "https://user:xxxxx@host")]
    [InlineData("https://token@host/os", "https://token@host/os")]
    [InlineData("https://host/os?user=a:b@c", "https://host/os?user=a:b@c")]
    [InlineData("http://u:p@host:8080/path", "http://u:xxxxx@host:8080/path")]
    [InlineData("@edge https://u:p@host/edge", "@edge https://u:xxxxx@host/edge")]
    [InlineData("./local/packages", "./local/packages")]
    [InlineData("user:pass@not-a-url", "user:pass@not-a-url")]
    public void Redact_HidesOnlyPasswords(string entry, string expected)
    {
        Assert.Equal(expected, CredentialRedactor.Redact(entry));
    }
}
