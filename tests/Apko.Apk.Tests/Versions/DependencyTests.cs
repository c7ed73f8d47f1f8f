using Apko.Apk.Versions;

namespace Apko.Apk.Tests.Versions;

public sealed class DependencyTests
{
    /// <summary>
    /// Rows where apko's parser differs from apk-tools, which wins: apk-tools reads the tag before the operator,
    /// and keeps a <c>so:</c> version as written.
    /// </summary>
    private static readonly Dictionary<string, (string Name, string Version, string Operator, string Tag)> s_apkToolsResults =
        new()
        {
            ["name@edge=1.2.3"] = ("name", "1.2.3", "=", "edge"),
            ["so:libfoo.so.6=6"] = ("so:libfoo.so.6", "6", "=", ""),
        };

    public static TheoryData<string> ApkoNameVersionPinRows => VersionDataFile.ReadRows("apko-name-version-pin.txt");

    [Theory]
    [MemberData(nameof(ApkoNameVersionPinRows))]
    public void Parse_MatchesApkoTableOrApkTools(string row)
    {
        var fields = VersionDataFile.Text(row).Split('\t');
        var (name, version, op, tag) = s_apkToolsResults.TryGetValue(fields[0], out var apkTools)
            ? apkTools
            : (fields[1], fields[2], fields[3], fields.Length > 4 ? fields[4] : "");

        var dependency = Dependency.Parse(fields[0]);

        Assert.Equal(name, dependency.Name);
        Assert.Equal(version, dependency.Version ?? "");
        Assert.Equal(op == "any" ? "" : op, Dependency.FormatOperator(dependency.Operator));
        Assert.Equal(tag, dependency.Tag ?? "");
    }

    [Theory]
    [InlineData("busybox", "busybox")]
    [InlineData("!foo", "!foo")]
    [InlineData("name=1.2-r0@tag", "name@tag=1.2-r0")]
    [InlineData("name@tag=1.2-r0", "name@tag=1.2-r0")]
    [InlineData("name@tag", "name@tag")]
    [InlineData("so:libc.musl-x86_64.so.1", "so:libc.musl-x86_64.so.1")]
    [InlineData("cmd:sh>=1.36", "cmd:sh>=1.36")]
    [InlineData("pc:zlib<1.3", "pc:zlib<1.3")]
    [InlineData("foo<=2", "foo<=2")]
    [InlineData("foo>2", "foo>2")]
    [InlineData("foo~=1.2", "foo~1.2")]
    [InlineData("foo=~1.2", "foo~1.2")]
    [InlineData("foo~1.2", "foo~1.2")]
    [InlineData("foo><Q1abc=", "foo><Q1abc=")]
    [InlineData("!bar>1@edge", "!bar@edge>1")]
    public void ToString_WritesWorldForm(string text, string expected)
    {
        Assert.Equal(expected, Dependency.Parse(text).ToString());
    }

    [Theory]
    [InlineData("foo=invalid", "'invalid'")]
    [InlineData("foo=1.0bc", "'1.0bc'")]
    [InlineData("foo=", "no version")]
    [InlineData("foo==", "'=='")]
    [InlineData("foo=>1", "'=>'")]
    [InlineData("", "empty")]
    [InlineData("=1.0", "no package name")]
    [InlineData("foo@=1.0", "tag")]
    [InlineData("foo@a=1.0@b", "two")]
    [InlineData("foo bar", "'foo bar'")]
    public void Parse_InvalidAtomFails(string text, string detail)
    {
        var error = Assert.Throws<ApkException>(() => Dependency.Parse(text));

        Assert.Equal("APKO3001", error.Code);
        Assert.Contains($"'{text}'", error.Message);
        Assert.Contains(detail, error.Message);
        Assert.False(Dependency.TryParse(text, out _));
    }

    [Theory]
    [InlineData("foo", "1.0", true)]
    [InlineData("foo=1.0-r0", "1.0-r0", true)]
    [InlineData("foo=1.0-r0", "1.0-r1", false)]
    [InlineData("foo<2", "1.9", true)]
    [InlineData("foo<2", "2", false)]
    [InlineData("foo<=2", "2", true)]
    [InlineData("foo>2", "2.0.1", true)]
    [InlineData("foo>=2", "2_rc1", false)]
    [InlineData("foo~1.7", "1.7.1-r1", true)]
    [InlineData("foo~1.7", "1.8", false)]
    [InlineData("!foo", "1.0", false)]
    [InlineData("!foo>1", "0.9", true)]
    [InlineData("!foo>1", "1.1", false)]
    [InlineData("foo><Q1abc=", "Q1abc=", true)]
    public void IsSatisfiedBy_AppliesOperator(string text, string version, bool expected)
    {
        Assert.Equal(expected, Dependency.Parse(text).IsSatisfiedBy(version));
    }
}
