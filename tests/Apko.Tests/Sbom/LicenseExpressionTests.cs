using Apko.Sbom;

namespace Apko.Tests.Sbom;

public sealed class LicenseExpressionTests
{
    [Theory]
    [InlineData("MIT")]
    [InlineData("GPL-2.0-or-later")]
    [InlineData("GPL-2.0+")]
    [InlineData("MIT AND BSD-2-Clause")]
    [InlineData("(MIT OR Apache-2.0) AND LicenseRef-ubuntu-font")]
    [InlineData("GPL-2.0-only WITH Linux-syscall-note")]
    [InlineData("DocumentRef-x:LicenseRef-y")]
    public void IsValid_AcceptsExpressions(string text)
    {
        Assert.True(LicenseExpression.IsValid(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("MIT BSD")]
    [InlineData("MIT and BSD")]
    [InlineData("(MIT")]
    [InlineData("MIT AND")]
    [InlineData("custom:foo")]
    [InlineData("Public Domain")]
    public void IsValid_RejectsOthers(string text)
    {
        Assert.False(LicenseExpression.IsValid(text));
    }
}
