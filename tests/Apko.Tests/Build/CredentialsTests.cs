using Apko.Build;

namespace Apko.Tests.Build;

public sealed class CredentialsTests
{
    [Theory]
    [InlineData("https://user:secret@repo.example/alpine/main", "https://repo.example/alpine/main")]
    [InlineData("@edge https://user:secret@repo.example/edge", "@edge https://repo.example/edge")]
    [InlineData("https://token@repo.example", "https://repo.example")]
    [InlineData("https://repo.example/a@b/main", "https://repo.example/a@b/main")]
    [InlineData("./packages", "./packages")]
    public void Strip_RemovesUserInfoOnly(string line, string expected)
    {
        Assert.Equal(expected, Credentials.Strip(line));
    }
}
