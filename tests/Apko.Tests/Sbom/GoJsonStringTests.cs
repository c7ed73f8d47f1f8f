using Apko.Sbom;

namespace Apko.Tests.Sbom;

public sealed class GoJsonStringTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a&b<c>", "\"a\\u0026b\\u003cc\\u003e\"")]
    [InlineData("quote\" back\\", "\"quote\\\" back\\\\\"")]
    [InlineData("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("héllo ✓ 😀", "\"héllo ✓ 😀\"")]
    public void Quote_EscapesLikeGoEncoder(string value, string expected)
    {
        Assert.Equal(expected, GoJsonString.Quote(value));
    }

    [Fact]
    public void Quote_LoneSurrogateBecomesReplacement()
    {
        var value = new string([(char)0xD800, 'x']);

        Assert.Equal("\"\\ufffdx\"", GoJsonString.Quote(value));
    }
}
