using Apko.Apk.Repositories;

namespace Apko.Apk.Tests.Repositories;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData("https://user:pass@repo.example/alpine", "https://***@repo.example/alpine")]
    [InlineData("https://token@repo.example", "https://***@repo.example")]
    [InlineData("http://u:p@repo.example:8080/a?b=c@d", "http://***@repo.example:8080/a?b=c@d")]
    [InlineData("https://user:p@ss@repo.example/x", "https://***@repo.example/x")]
    [InlineData("https://repo.example/path@version", "https://repo.example/path@version")]
    [InlineData("https://repo.example/alpine", "https://repo.example/alpine")]
    [InlineData("/srv/alpine", "/srv/alpine")]
    [InlineData("", "")]
    public void Redact_ReplacesUserInfoOnly(string text, string expected)
    {
        Assert.Equal(expected, UrlRedactor.Redact(text));
    }
}
