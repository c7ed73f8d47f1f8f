using System.Text;
using Apko.Apk.FileSystem;
using Apko.Build.LdsoCache;
using Apko.Testing;

namespace Apko.Tests.Build.LdsoCache;

public sealed class LdsoConfParserTests
{
    private static readonly UnixFileMode s_fileMode = (UnixFileMode)0x1A4;

    [Fact]
    public async Task Parse_FixtureSimple()
    {
        var fileSystem = LoadConfFixtures();

        var directories = await ParseAsync(fileSystem, "/ld.so.conf.simple");

        Assert.Equal(["/lib"], directories);
    }

    [Fact]
    public async Task Parse_FixtureRelativeIncludeGlob()
    {
        var fileSystem = LoadConfFixtures();

        var directories = await ParseAsync(fileSystem, "/ld.so.conf.glob");

        Assert.Equal(["/a/libs", "/b/libs"], directories);
    }

    [Fact]
    public async Task Parse_FixtureLibrootIncludes()
    {
        var directories = await ParseAsync(LibrootImage.Load(), "/etc/ld.so.conf");

        Assert.Equal(
            [
                "/usr/local/lib", "/usr/local/lib64", "/lib", "/lib64", "/usr/lib", "/usr/lib64",
                "/usr/local/sdk-v1/lib", "/usr/local/sdk-v2/lib",
            ],
            directories);
    }

    [Fact]
    public async Task Parse_LinesAfterIncludeAndComments()
    {
        var fileSystem = new ImageFileSystem();
        fileSystem.MkdirAll("etc/ld.so.conf.d", (UnixFileMode)0x1ED);
        Write(
            fileSystem,
            "etc/ld.so.conf",
            "# libraries\n/opt/first/\r\ninclude  ld.so.conf.d/*.conf  /etc/extra.conf\n"
            + "hwcap 1 nosegneg\n/usr/lib # trailing comment\n/opt/first\n/opt/./x/../last\n");
        Write(fileSystem, "etc/ld.so.conf.d/b.conf", "/b\n");
        Write(fileSystem, "etc/ld.so.conf.d/a.conf", "/a\n/usr/lib\n");
        Write(fileSystem, "etc/ld.so.conf.d/skip.txt", "/not-included\n");
        Write(fileSystem, "etc/extra.conf", "/extra\n");

        var directories = await ParseAsync(fileSystem, "/etc/ld.so.conf");

        Assert.Equal(["/opt/first", "/a", "/usr/lib", "/b", "/extra", "/opt/last"], directories);
    }

    [Fact]
    public async Task Parse_IncludeCycleStops()
    {
        var fileSystem = new ImageFileSystem();
        fileSystem.MkdirAll("etc", (UnixFileMode)0x1ED);
        Write(fileSystem, "etc/ld.so.conf", "/one\ninclude /etc/*.conf\n");
        Write(fileSystem, "etc/other.conf", "/two\ninclude /etc/ld.so.conf\n");

        var directories = await ParseAsync(fileSystem, "/etc/ld.so.conf");

        Assert.Equal(["/one", "/two"], directories);
    }

    [Fact]
    public async Task Parse_DirectoryAsConfigThrows()
    {
        var fileSystem = new ImageFileSystem();
        fileSystem.MkdirAll("etc/ld.so.conf", (UnixFileMode)0x1ED);

        var error = await Assert.ThrowsAsync<ApkoException>(() => ParseAsync(fileSystem, "/etc/ld.so.conf"));

        Assert.Equal("APKO4302", error.Code);
    }

    [Theory]
    [InlineData("*.conf", "libc.conf", true)]
    [InlineData("*.conf", "libc.confx", false)]
    [InlineData("lib?.conf", "libc.conf", true)]
    [InlineData("[a-c]*", "b.conf", true)]
    [InlineData("[!a-c]*", "b.conf", false)]
    [InlineData("[^a-c]*", "d.conf", true)]
    [InlineData("\\*.conf", "*.conf", true)]
    [InlineData("\\*.conf", "a.conf", false)]
    [InlineData("[a-c", "a", false)]
    [InlineData("*a*b*", "xaxxbx", true)]
    public void GlobPattern_MatchesLikeGlob(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, GlobPattern.IsMatch(pattern, name));
    }

    private static ImageFileSystem LoadConfFixtures()
    {
        var fileSystem = new ImageFileSystem();
        fileSystem.MkdirAll("ld.so.conf.d", (UnixFileMode)0x1ED);
        string[] names = ["ld.so.conf.simple", "ld.so.conf.glob", "ld.so.conf.d/a.conf", "ld.so.conf.d/b.conf"];
        foreach (var name in names)
        {
            var host = Fixtures.Path(["apko", "internal", "ldso-cache", "testdata", .. name.Split('/')]);
            fileSystem.WriteFile(name, File.ReadAllBytes(host), s_fileMode);
        }

        return fileSystem;
    }

    private static void Write(ImageFileSystem fileSystem, string path, string text) =>
        fileSystem.WriteFile(path, Encoding.UTF8.GetBytes(text), s_fileMode);

    private static Task<IReadOnlyList<string>> ParseAsync(ImageFileSystem fileSystem, string path) =>
        LdsoConfParser.ParseAsync(fileSystem, path, TestContext.Current.CancellationToken);
}
