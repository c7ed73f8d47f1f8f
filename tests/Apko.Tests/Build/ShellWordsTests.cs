using Apko.Build;

namespace Apko.Tests.Build;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("/bin/sh -l", new[] { "/bin/sh", "-l" })]
    [InlineData("  echo   'a b'  ", new[] { "echo", "a b" })]
    [InlineData("echo \"x \\\"y\\\" $z\"", new[] { "echo", "x \"y\" $z" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    [InlineData("''", new[] { "" })]
    [InlineData("", new string[0])]
    public void Split_FollowsShellQuoting(string text, string[] expected)
    {
        Assert.Equal(expected, ShellWords.Split(text));
    }

    [Theory]
    [InlineData("echo 'open")]
    [InlineData("echo \"open")]
    [InlineData("echo \\")]
    public void Split_UnclosedQuoteFails(string text)
    {
        var error = Assert.Throws<FormatException>(() => ShellWords.Split(text));

        Assert.Contains(text, error.Message);
    }
}
