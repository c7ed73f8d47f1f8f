using Apko.Build;
using Apko.Configuration;

namespace Apko.Tests.Build;

public sealed class ImageAssemblerTests
{
    [Fact]
    public void Annotations_AddCreatedAndVcsSource()
    {
        var configuration = ImageConfiguration.Empty with { VcsUrl = "https://example.test/repo.git@0123abcd" };

        var annotations = ImageAssembler.Annotations(configuration, DateTimeOffset.FromUnixTimeSeconds(1700000000));

        Assert.Equal("2023-11-14T22:13:20Z", annotations["org.opencontainers.image.created"]);
        Assert.Equal("https://example.test/repo.git", annotations["org.opencontainers.image.source"]);
        Assert.Equal("0123abcd", annotations["org.opencontainers.image.revision"]);
    }

    [Fact]
    public void Annotations_VcsWithoutCommitAddsNoSource()
    {
        var configuration = ImageConfiguration.Empty with { VcsUrl = "https://example.test/repo.git" };

        var annotations = ImageAssembler.Annotations(configuration, DateTimeOffset.UnixEpoch);

        Assert.False(annotations.ContainsKey("org.opencontainers.image.source"), "source without '@commit'");
    }

    [Theory]
    [InlineData("nonroot", "65532")]
    [InlineData("65532", "65532")]
    [InlineData("1000:1000", "1000:1000")]
    [InlineData("missing", "missing")]
    public void ResolveRunAs_UsesUidOfKnownAccount(string runAs, string expected)
    {
        const string passwd = "root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:Account created by apko:/home/nonroot:/bin/sh\n";

        Assert.Equal(expected, ImageAssembler.ResolveRunAs(runAs, passwd));
    }

    [Fact]
    public void ResolveRunAs_EmptyMeansNoUser()
    {
        Assert.Null(ImageAssembler.ResolveRunAs("", ""));
    }
}
