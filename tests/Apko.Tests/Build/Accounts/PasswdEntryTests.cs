using Apko.Build.Accounts;
using Apko.Testing;

namespace Apko.Tests.Build.Accounts;

public sealed class PasswdEntryTests
{
    [Fact]
    public void ParseFile_RoundTripsRealFile()
    {
        var text = File.ReadAllText(Fixtures.Path("apko", "pkg", "passwd", "testdata", "passwd"));

        var entries = PasswdEntry.ParseFile(text);

        Assert.Equal("root", entries[0].UserName);
        Assert.Equal("/bin/ash", entries[0].Shell);
        Assert.Equal(text.TrimEnd('\n') + "\n", PasswdEntry.FormatFile(entries));
    }

    [Fact]
    public void GroupParseFile_RoundTripsRealFile()
    {
        var text = File.ReadAllText(Fixtures.Path("apko", "pkg", "passwd", "testdata", "group"));

        var entries = GroupEntry.ParseFile(text);

        Assert.Equal(["root", "bin", "daemon"], entries[1].Members);
        Assert.Equal(text.TrimEnd('\n') + "\n", GroupEntry.FormatFile(entries));
    }
}
