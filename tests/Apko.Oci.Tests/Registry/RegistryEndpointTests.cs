using Apko.Oci.Registry;

namespace Apko.Oci.Tests.Registry;

public sealed class RegistryEndpointTests
{
    [Theory]
    [InlineData("https://user:pw@registry.example/v2/app/blobs/uploads/abc?_state=secret&digest=sha256%3A00",
        "https://registry.example/v2/app/blobs/uploads/abc?_state=REDACTED&digest=sha256%3A00")]
    [InlineData("https://auth.example/token?service=reg&scope=repository:app:pull&account=me",
        "https://auth.example/token?service=reg&scope=repository:app:pull&account=REDACTED")]
    [InlineData("https://storage.example/blob?X-Amz-Signature=abc&X-Amz-Credential=key",
        "https://storage.example/blob?X-Amz-Signature=REDACTED&X-Amz-Credential=REDACTED")]
    [InlineData("http://127.0.0.1:5000/v2/app/manifests/latest", "http://127.0.0.1:5000/v2/app/manifests/latest")]
    public void Redact_RemovesSecrets(string url, string expected)
    {
        Assert.Equal(expected, RegistryEndpoint.Redact(new Uri(url)));
    }

    [Theory]
    [InlineData("docker.io", "https://registry-1.docker.io/")]
    [InlineData("ghcr.io", "https://ghcr.io/")]
    [InlineData("localhost:5000", "http://localhost:5000/")]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("[::1]:5000", "http://[::1]:5000/")]
    [InlineData("plain.example:8080", "http://plain.example:8080/")]
    public void BaseUri_ChoosesScheme(string registry, string expected)
    {
        Assert.Equal(expected, RegistryEndpoint.BaseUri(registry, ["plain.example:8080"]).ToString());
    }

    [Fact]
    public void WithQuery_KeepsUploadState()
    {
        var uri = RegistryEndpoint.WithQuery(new Uri("http://h/v2/a/blobs/uploads/u?_state=x"), "digest", "sha256:ab");

        Assert.Equal("http://h/v2/a/blobs/uploads/u?_state=x&digest=sha256%3Aab", uri.ToString());
    }
}
