using Apko.Apk.Versions;

namespace Apko.Apk.Tests.Versions;

public sealed class ApkVersionTests
{
    public static TheoryData<string> ApkToolsRows => VersionDataFile.ReadRows("apk-tools-2.14-version.data");

    /// <summary>apko's table, including the rows apko disables because its comparator disagrees with apk-tools.</summary>
    public static TheoryData<string> ApkoRows => VersionDataFile.ReadRows("apko-compare.txt", "# ");

    public static TheoryData<string> ApkoParseRows => VersionDataFile.ReadRows("apko-parse.txt");

    [Theory]
    [MemberData(nameof(ApkToolsRows))]
    public void Compare_MatchesApkToolsTable(string row) => AssertComparison(row);

    [Theory]
    [MemberData(nameof(ApkoRows))]
    public void Compare_MatchesApkoTable(string row) => AssertComparison(row.Replace("#disabled: ", ""));

    [Theory]
    [MemberData(nameof(ApkoParseRows))]
    public void IsValid_MatchesApkoParseTable(string row)
    {
        var fields = VersionDataFile.Fields(row);

        Assert.Equal(fields[0] == "valid", ApkVersion.IsValid(fields[1]));
    }

    [Theory]
    [InlineData("0.1.0_alpha_pre2", true)]
    [InlineData("1.0_rc1_p2-r3", true)]
    [InlineData("1.0-r", true)]
    [InlineData("", false)]
    [InlineData("v1.0", false)]
    [InlineData("1.0bc", false)]
    [InlineData("1.0-", false)]
    [InlineData("1.0_x", false)]
    [InlineData("1a.0", false)]
    [InlineData("1.0-r1a", false)]
    public void IsValid_FollowsApkToolsGrammar(string version, bool valid)
    {
        Assert.Equal(valid, ApkVersion.IsValid(version));
    }

    [Theory]
    [InlineData("1.7.1-r1", "1.7", true)]
    [InlineData("1.7.1-r1", "1.7.1", true)]
    [InlineData("1.7.1-r1", "1.7.1-r2", false)]
    [InlineData("1.7.1-r1", "1.6", false)]
    [InlineData("0.14.0-r3", "0.14", true)]
    public void IsFuzzyMatch_MatchesLeadingParts(string version, string prefix, bool expected)
    {
        Assert.Equal(expected, ApkVersion.IsFuzzyMatch(version, prefix));
    }

    private static void AssertComparison(string row)
    {
        var fields = VersionDataFile.Fields(row);
        var expected = fields[1] switch
        {
            "<" => -1,
            ">" => 1,
            _ => 0,
        };

        Assert.Equal(expected, ApkVersion.Compare(fields[0], fields[2]));
        Assert.Equal(-expected, ApkVersion.Compare(fields[2], fields[0]));
    }
}
