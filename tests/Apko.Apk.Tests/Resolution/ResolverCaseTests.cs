namespace Apko.Apk.Tests.Resolution;

/// <summary>
/// Runs this project's resolver cases in <c>testdata/</c>, written in apk-tools' solver test format: pinned
/// repositories, the <c>so:</c> ranking rule, virtual names, conflicts, repository order on ties and multiple
/// architectures (<c>--test-arch</c>).
/// </summary>
public sealed class ResolverCaseTests
{
    public static TheoryData<string> Cases => SolverTestCase.ListCases(SolverTestCase.OwnCaseDirectory);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_MatchesCase(string file)
    {
        var testCase = SolverTestCase.Read(SolverTestCase.OwnCaseDirectory, file);

        SolverCaseRunner.Run(testCase);
    }
}
