using Apko.Sbom;

namespace Apko.Tests.Sbom;

public sealed class SpdxIdentifierTests
{
    [Theory]
    [InlineData("sha256:abc", "sha256-abc")]
    [InlineData("musl-1.2.4_git2", "musl-1.2.4C95git2")]
    [InlineData("kindest/node:v1.21.1", "kindestC47node-v1.21.1")]
    [InlineData("a b", "aC32b")]
    [InlineData("é", "C65533C65533")]
    public void Sanitize_ReplacesLikeApko(string text, string expected)
    {
        Assert.Equal(expected, SpdxIdentifier.Sanitize(text));
    }

    [Theory]
    [InlineData("SPDXRef-Package-a.b-1", true)]
    [InlineData("SPDXRef-", false)]
    [InlineData("SPDXRef-a_b", false)]
    [InlineData("Package-a", false)]
    public void IsValidElementId_ChecksPrefixAndCharacters(string id, bool expected)
    {
        Assert.Equal(expected, SpdxIdentifier.IsValidElementId(id));
    }
}
