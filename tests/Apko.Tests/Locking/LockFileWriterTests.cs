using System.Text;
using Apko.Locking;

namespace Apko.Tests.Locking;

public sealed class LockFileWriterTests
{
    [Fact]
    public void Write_EmptyLists_WritesGoEmptyArrays()
    {
        var lockFile = new LockFile("v1", null, new LockContents([], [], [], [], []));

        var text = Encoding.UTF8.GetString(LockFileWriter.Write(lockFile));

        Assert.Equal(
            "{\n  \"version\": \"v1\",\n  \"contents\": {\n    \"keyring\": [],\n    \"build_repositories\": [],\n"
            + "    \"runtime_repositories\": [],\n    \"repositories\": [],\n    \"packages\": []\n  }\n}\n",
            text);
    }

    [Fact]
    public void Write_HtmlCharacters_EscapesAsGo()
    {
        var key = new LockKeyring("a<b>&c", "https://a<b>&c", "line\u2028\"q\"\\\n");
        var lockFile = new LockFile("v1", new LockConfig("x.yaml", null), new LockContents([key], [], [], [], []));

        var text = Encoding.UTF8.GetString(LockFileWriter.Write(lockFile));

        Assert.Contains("\"config\": {\n    \"name\": \"x.yaml\"\n  },", text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"a\\u003cb\\u003e\\u0026c\"", text, StringComparison.Ordinal);
        Assert.Contains("\"content\": \"line\\u2028\\\"q\\\"\\\\\\n\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_KeyWithoutContent_OmitsContent()
    {
        var lockFile = new LockFile(
            "v1", null, new LockContents([new LockKeyring("k.pub", "k.pub", null)], [], [], [], []));

        var text = Encoding.UTF8.GetString(LockFileWriter.Write(lockFile));

        Assert.Contains(
            "{\n        \"name\": \"k.pub\",\n        \"url\": \"k.pub\"\n      }", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://packages.wolfi.dev/os", "aarch64", "packages.wolfi.dev/os/aarch64")]
    [InlineData("http://127.0.0.1:8080/repo/", "x86_64", "127.0.0.1:8080/repo/x86_64")]
    [InlineData("@edge https://dl.example/alpine/edge/main", "x86_64", "dl.example/alpine/edge/main/x86_64")]
    [InlineData("./testdata/packages", "x86_64", "./testdata/packages/x86_64")]
    public void ForRepository_StripsTagAndScheme(string line, string arch, string name)
    {
        var repository = LockRepositoryNames.ForRepository(line, arch);

        Assert.Equal(name, repository.Name);
        Assert.EndsWith($"/{arch}/APKINDEX.tar.gz", repository.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("@", repository.Url, StringComparison.Ordinal);
    }
}
