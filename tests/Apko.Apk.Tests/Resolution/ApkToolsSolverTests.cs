using System.Text.RegularExpressions;
using Apko.Apk.Resolution;
using Apko.Apk.Versions;

namespace Apko.Apk.Tests.Resolution;

/// <summary>Runs apk-tools 2.14's own solver tests that add packages, one theory row per <c>*.test</c> file.</summary>
public sealed partial class ApkToolsSolverTests
{
    private const string ErrorHeader = "ERROR: unable to select packages:";

    public static TheoryData<string> Cases => new(
        Directory.GetFiles(SolverTestCase.FixtureDirectory, "*.test")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_MatchesApkToolsSolverTest(string file)
    {
        var testCase = SolverTestCase.Read(SolverTestCase.FixtureDirectory, file);
        var skipReason = testCase.FindSkipReason();
        if (skipReason is not null)
        {
            Assert.Skip(skipReason);
        }

        if (testCase.Expected.FirstOrDefault(line => line.Contains("is not a valid world dependency")) is { } parseError)
        {
            AssertWorldRejected(testCase, parseError);
            return;
        }

        var installed = testCase.ReadInstalled();
        var resolver = new Resolver(testCase.ReadRepositories(), new ResolverOptions { Installed = installed });
        var world = BuildWorld(testCase);
        if (testCase.Expected[0] == ErrorHeader)
        {
            var error = Assert.Throws<ResolutionException>(() => resolver.Resolve(world));
            Assert.Equal(string.Join('\n', testCase.Expected.Skip(1)) + "\n", error.Report);
            return;
        }

        AssertPlan(testCase, installed, resolver.Resolve(world));
    }

    /// <summary>Returns the world after <c>apk add</c>: the test world with each added atom replacing its name's.</summary>
    private static List<Dependency> BuildWorld(SolverTestCase testCase)
    {
        var world = testCase.World.Select(Dependency.Parse).ToList();
        foreach (var atom in testCase.AppletArguments.Select(Dependency.Parse))
        {
            world.RemoveAll(d => d.Name == atom.Name);
            world.Add(atom);
        }

        return world;
    }

    private static void AssertWorldRejected(SolverTestCase testCase, string expected)
    {
        var atom = Regex.Match(expected, "'([^']*)'").Groups[1].Value;

        var error = Assert.Throws<ApkException>(() => Dependency.Parse(atom));

        Assert.Contains($"'{atom}'", error.Message);
    }

    private static void AssertPlan(SolverTestCase testCase, List<InstalledPackage> installed, ResolutionResult result)
    {
        var expected = installed.ToDictionary(p => p.Package.Name, p => p.Package.Version);
        var expectedInstalls = new List<string>();
        foreach (var line in testCase.Expected.Where(line => line.StartsWith('(')))
        {
            var change = ChangeLine().Match(line);
            Assert.True(change.Success, $"Unexpected output line '{line}'.");
            var name = change.Groups["name"].Value;
            if (change.Groups["action"].Value == "Purging")
            {
                expected.Remove(name);
                continue;
            }

            expected[name] = change.Groups["new"].Success ? change.Groups["new"].Value : change.Groups["old"].Value;
            expectedInstalls.Add(change.Groups["action"].Value == "Installing"
                ? $"{name}{change.Groups["tag"].Value}-{expected[name]}"
                : "");
        }

        var actual = result.Packages.ToDictionary(p => p.Package.Name, p => p.Package.Version);
        Assert.Equal(Format(expected), Format(actual));
        if (installed.Count == 0)
        {
            Assert.Equal(string.Join(' ', expectedInstalls), string.Join(' ', result.Packages.Select(FormatInstall)));
        }
    }

    private static string Format(Dictionary<string, string> packages) =>
        string.Join(' ', packages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}-{p.Value}"));

    private static string FormatInstall(ResolvedPackage package)
    {
        var tag = package.Repository?.Repository.Tag is { } name ? "@" + name : "";
        return $"{package.Package.Name}{tag}-{package.Package.Version}";
    }

    [GeneratedRegex(@"^\(\d+/\d+\) (?<action>[A-Z][a-z]+(?: pinning)?) (?<name>[^ @]+)(?<tag>@\S+)? \((?<old>[^ )]+)(?: -> (?<new>[^)]+))?\)$")]
    private static partial Regex ChangeLine();
}
