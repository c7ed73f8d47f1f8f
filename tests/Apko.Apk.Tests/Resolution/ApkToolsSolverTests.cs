namespace Apko.Apk.Tests.Resolution;

/// <summary>Runs apk-tools 2.14's own solver tests, one theory row per <c>*.test</c> file.</summary>
public sealed class ApkToolsSolverTests
{
    public static TheoryData<string> Cases => SolverTestCase.ListCases(SolverTestCase.FixtureDirectory);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_MatchesApkToolsSolverTest(string file)
    {
        var testCase = SolverTestCase.Read(SolverTestCase.FixtureDirectory, file);
        if (testCase.FindSkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }

        SolverCaseRunner.Run(testCase);
    }
}
