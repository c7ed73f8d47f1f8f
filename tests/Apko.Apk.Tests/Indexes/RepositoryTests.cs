using Apko.Apk.Indexes;

namespace Apko.Apk.Tests.Indexes;

public sealed class RepositoryTests
{
    [Theory]
    [InlineData("https://example.test/alpine/v3.19/main/", "https://example.test/alpine/v3.19/main", null)]
    [InlineData("@edge https://example.test/edge/main", "https://example.test/edge/main", "edge")]
    [InlineData("./packages", "./packages", null)]
    public void Parse_SplitsTagAndLocation(string line, string location, string? tag)
    {
        var repository = Repository.Parse(line);

        Assert.Equal(location, repository.Location);
        Assert.Equal(tag, repository.Tag);
    }

    [Fact]
    public void Parse_TagWithoutLocationFails()
    {
        var error = Assert.Throws<ApkException>(() => Repository.Parse("@edge"));

        Assert.Contains("'@edge'", error.Message);
    }
}
