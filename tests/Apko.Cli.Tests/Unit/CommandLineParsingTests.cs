using Apko.Apk.Indexes;
using Apko.Apk.Resolution;
using Apko.Cli;

namespace Apko.Cli.Tests.Unit;

public sealed class CommandLineParsingTests
{
    [Theory]
    [InlineData("{{.Name}}-{{.Version}}", "busybox-1.36.1-r15")]
    [InlineData("{{ .Name }} {{ .Version }}", "busybox 1.36.1-r15")]
    [InlineData("- {{.Name}}={{.Version}} # {{.Source}}", "- busybox=1.36.1-r15 # /repo/x86_64/busybox-1.36.1-r15.apk")]
    public void PackageTemplate_FillsFields(string template, string expected)
    {
        var index = new RepositoryIndex(new Repository("/repo"), "x86_64", new ApkIndex("", []));
        var package = new ResolvedPackage(new ApkPackage { Name = "busybox", Version = "1.36.1-r15" }, index);

        PackageTemplate.Check(template, template, []);

        Assert.Equal(expected, PackageTemplate.Format(template, package));
    }

    [Theory]
    [InlineData("{{.Arch}}")]
    [InlineData("{{.Name")]
    [InlineData("{{.Name | printf \"%s\"}}")]
    [InlineData("plain text")]
    public void PackageTemplate_RejectsUnsupported(string template)
    {
        var error = Assert.Throws<UsageException>(() => PackageTemplate.Check(template, template, ["name-version"]));

        Assert.Contains(template, error.Message);
    }

    [Theory]
    [InlineData("https://user:secret@github.com/example/app.git", "https://github.com/example/app.git")]
    [InlineData("https://github.com/example/app.git", "https://github.com/example/app.git")]
    [InlineData("git@github.com:example/app.git", "git@github.com:example/app.git")]
    public void StripUserInfo_RemovesCredentials(string url, string expected)
    {
        Assert.Equal(expected, VcsProbe.StripUserInfo(url));
    }

    [Fact]
    public void ReadSourceDateEpoch_ParsesSeconds()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), CliEnvironment.ReadSourceDateEpoch("1700000000"));
        Assert.Null(CliEnvironment.ReadSourceDateEpoch(" "));
    }

    [Fact]
    public void ReadSourceDateEpoch_RejectsText()
    {
        var error = Assert.Throws<UsageException>(() => CliEnvironment.ReadSourceDateEpoch("abc"));

        Assert.Contains("'abc'", error.Message);
    }

    [Fact]
    public void ParseHttpAuth_KeepsColonsInPassword()
    {
        var credential = Assert.Single(CliEnvironment.ParseHttpAuth("basic:repo.example:user:pa:ss"));

        Assert.Equal(("repo.example", "user", "pa:ss"), (credential.Host, credential.User, credential.Password));
    }

    [Theory]
    [InlineData("bearer:host:user:pass")]
    [InlineData("basic:host")]
    public void ParseHttpAuth_RejectsOtherForms(string value)
    {
        var error = Assert.Throws<UsageException>(() => CliEnvironment.ParseHttpAuth(value));

        Assert.DoesNotContain("pass", error.Message.Replace("PASSWORD", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("org.example.team:platform", "org.example.team", "platform")]
    [InlineData("a:b:c", "a", "b:c")]
    public void AnnotationParser_SplitsAtFirstColon(string value, string key, string expected)
    {
        Assert.Equal(expected, AnnotationParser.Parse([value])[key]);
    }

    [Theory]
    [InlineData("novalue:")]
    [InlineData("Upper:x")]
    [InlineData("nocolon")]
    public void AnnotationParser_RejectsInvalid(string value)
    {
        Assert.Throws<UsageException>(() => AnnotationParser.Parse([value]));
    }

    [Fact]
    public void AnnotationParser_RejectsDuplicateKey()
    {
        var error = Assert.Throws<UsageException>(() => AnnotationParser.Parse(["a:1", "a:2"]));

        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Printable_EscapesTerminalControls()
    {
        var text = CommandRunner.Printable("line\u001b]0;TITLE\u0007 and\u0000 end\nnext");

        Assert.Equal("line\\u001b]0;TITLE\\u0007 and\\u0000 end\nnext", text);
    }
}
