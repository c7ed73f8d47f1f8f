using Apko.Oci.Model;

namespace Apko.Oci.Tests.Model;

public sealed class DigestTests
{
    [Fact]
    public void Sha256_EmptyInput()
    {
        var digest = Digest.Sha256([]);

        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", digest.ToString());
    }

    [Theory]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:e3b0")]
    [InlineData("sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("")]
    public void TryParse_RejectsInvalid(string text)
    {
        Assert.False(Digest.TryParse(text, out _));
    }
}
