using Apko.Configuration;

namespace Apko.Tests.Configuration;

public sealed class PackageConstraintSyntaxTests
{
    [Theory]
    [InlineData("busybox")]
    [InlineData("curl=8.9.0-r0")]
    [InlineData("musl>1.2")]
    [InlineData("musl<1.2")]
    [InlineData("musl>=1.2.4_git20230717-r4")]
    [InlineData("musl<=1.2")]
    [InlineData("php~8.2")]
    [InlineData("php=~8.2")]
    [InlineData("php~=8.2")]
    [InlineData("nano@edge")]
    [InlineData("nano=7.2-r1@edge")]
    [InlineData("nano@edge=7.2-r1")]
    [InlineData("so:libc.musl-x86_64.so.1")]
    [InlineData("cmd:bash")]
    [InlineData("/bin/sh")]
    [InlineData("py3.12:requests")]
    [InlineData("libstdc++")]
    [InlineData("openjdk-17=17.0.9_p8-r0")]
    [InlineData("cmd:[")]
    public void TryValidate_AcceptsConstraint(string constraint)
    {
        Assert.True(PackageConstraintSyntax.TryValidate(constraint, out var reason), reason);
    }

    [Theory]
    [InlineData("busybox>>1.36", "'>>' is not a version operator")]
    [InlineData("", "the package name is missing")]
    [InlineData("=1.0", "the package name is missing")]
    [InlineData("curl=", "the version after '=' is missing")]
    [InlineData("curl@", "the repository tag after '@' is missing")]
    [InlineData("curl@edge@main", "unexpected '@main' at the end")]
    [InlineData("curl=1.0@edge=2.0", "unexpected '=2.0' at the end")]
    [InlineData("curl=1.0 zlib", "the version '1.0 zlib' contains ' '")]
    [InlineData("curl zlib", "the name contains white space; give one package per entry")]
    [InlineData("!curl", "conflicts ('!NAME') are not allowed in the world")]
    [InlineData("curl=1.0$", "the version '1.0$' contains '$'")]
    [InlineData("curl@ed.ge", "a repository tag may contain only letters, digits, '_' and '-'")]
    public void TryValidate_RejectsWithReason(string constraint, string expectedReason)
    {
        Assert.False(PackageConstraintSyntax.TryValidate(constraint, out var reason));

        Assert.Equal(expectedReason, reason);
    }
}
