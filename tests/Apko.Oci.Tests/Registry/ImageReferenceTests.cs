using Apko.Oci.Registry;

namespace Apko.Oci.Tests.Registry;

public sealed class ImageReferenceTests
{
    private const string Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("alpine", "docker.io", "library/alpine", "latest", null)]
    [InlineData("docker.io/alpine:3.20", "docker.io", "library/alpine", "3.20", null)]
    [InlineData("index.docker.io/chainguard/static", "docker.io", "chainguard/static", "latest", null)]
    [InlineData("cgr.dev/chainguard/static:latest", "cgr.dev", "chainguard/static", "latest", null)]
    [InlineData("localhost/app", "localhost", "app", "latest", null)]
    [InlineData("localhost:5000/app:v1", "localhost:5000", "app", "v1", null)]
    [InlineData("127.0.0.1:5000/a/b/c:dev_1.2-x", "127.0.0.1:5000", "a/b/c", "dev_1.2-x", null)]
    [InlineData("[::1]:5000/app", "[::1]:5000", "app", "latest", null)]
    [InlineData("ghcr.io/o/app@sha256:" + Hex, "ghcr.io", "o/app", null, "sha256:" + Hex)]
    [InlineData("ghcr.io/o/app:1@sha256:" + Hex, "ghcr.io", "o/app", "1", "sha256:" + Hex)]
    [InlineData("registry.example/a__b/c.d/e-f", "registry.example", "a__b/c.d/e-f", "latest", null)]
    public void Parse_AppliesDefaults(string text, string registry, string name, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(registry, reference.Repository.Registry);
        Assert.Equal(name, reference.Repository.Name);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest?.ToString());
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("Registry.example/App", "repository name 'App'")]
    [InlineData("ghcr.io/app:", "tag ''")]
    [InlineData("ghcr.io/app:-bad", "tag '-bad'")]
    [InlineData("ghcr.io/app@sha256:abc", "'sha256:abc' is not a sha256 digest")]
    [InlineData("ghcr.io/app@md5:" + Hex, "is not a sha256 digest")]
    [InlineData("ghcr.io//app", "repository name '/app'")]
    [InlineData("ghcr.io/app_", "repository name 'app_'")]
    [InlineData("bad_host.example/app", "registry 'bad_host.example'")]
    [InlineData("host:99999999/app", "registry 'host:99999999'")]
    public void Parse_RejectsWithValue(string text, string problem)
    {
        var error = Assert.Throws<OciException>(() => ImageReference.Parse(text));

        Assert.Equal("APKO5001", error.Code);
        Assert.Contains($"'{text}' is not a valid image reference", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsOverlongName()
    {
        var name = string.Join('/', Enumerable.Repeat("abcdefghij", 26));

        Assert.False(ImageReference.TryParse("ghcr.io/" + name, out _));
    }

    [Theory]
    [InlineData("alpine", "docker.io/library/alpine:latest")]
    [InlineData("localhost:5000/app@sha256:" + Hex, "localhost:5000/app@sha256:" + Hex)]
    [InlineData("ghcr.io/o/app:1@sha256:" + Hex, "ghcr.io/o/app:1@sha256:" + Hex)]
    public void ToString_RoundTrips(string text, string expected)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(expected, reference.ToString());
        Assert.Equal(reference, ImageReference.Parse(reference.ToString()));
    }

    [Fact]
    public void Identifier_PrefersDigest()
    {
        var reference = ImageReference.Parse("ghcr.io/o/app:1@sha256:" + Hex);

        Assert.Equal("sha256:" + Hex, reference.Identifier);
        Assert.Equal("1", reference.WithTag("1").Identifier);
    }
}
