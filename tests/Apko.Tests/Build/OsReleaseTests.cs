using Apko.Build;

namespace Apko.Tests.Build;

public sealed class OsReleaseTests
{
    [Fact]
    public void Parse_ReadsQuotedFields()
    {
        var release = OsRelease.Parse("NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n# comment\nPRETTY_NAME='Alpine v3.19'\n");

        Assert.Equal("alpine", release.Id);
        Assert.Equal("Alpine Linux", release.Name);
        Assert.Equal("3.19.1", release.VersionId);
        Assert.Equal("Alpine v3.19", release.PrettyName);
    }

    [Fact]
    public void Parse_MissingIdIsUnknown()
    {
        Assert.Equal("unknown", OsRelease.Parse("NAME=x\n").Id);
    }
}
