using System.Text.RegularExpressions;
using Apko.Apk.Resolution;
using Apko.Apk.Versions;

namespace Apko.Apk.Tests.Resolution;

/// <summary>
/// Runs a solver case: resolves the world that <c>apk add</c> would solve and compares the plan with the expected
/// <c>(i/n) Installing …</c> lines, or the error report with the expected <c>ERROR: unable to select packages</c>
/// block, line for line.
/// </summary>
internal static partial class SolverCaseRunner
{
    private const string ErrorHeader = "ERROR: unable to select packages:";

    public static void Run(SolverTestCase testCase)
    {
        if (testCase.Expected.FirstOrDefault(line => line.Contains("is not a valid world dependency")) is { } parseError)
        {
            AssertWorldRejected(parseError);
            return;
        }

        var installed = testCase.ReadInstalled();
        var options = new ResolverOptions { Installed = installed };
        var repositories = testCase.ReadRepositories();
        var world = BuildWorld(testCase);
        var architectures = testCase.Architectures;
        Func<IReadOnlyDictionary<string, ResolutionResult>> resolve = () =>
            Resolver.ResolveArchitectures(repositories, architectures, world, options);
        if (testCase.Expected[0] == ErrorHeader)
        {
            var error = Assert.Throws<ResolutionException>(() => resolve());
            Assert.Equal(string.Join('\n', testCase.Expected.Skip(1)) + "\n", error.Report);
            return;
        }

        foreach (var (_, result) in resolve())
        {
            AssertPlan(testCase, installed, result);
        }
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

    private static void AssertWorldRejected(string expected)
    {
        var atom = Regex.Match(expected, "'([^']*)'").Groups[1].Value;

        var error = Assert.Throws<ApkException>(() => Dependency.Parse(atom));

        Assert.Contains($"'{atom}'", error.Message);
    }

    /// <summary>
    /// Compares the final set of packages (installed ones changed by the expected lines) and, when nothing was
    /// installed before, the install order with tags.
    /// </summary>
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
            expectedInstalls.Add($"{name}{change.Groups["tag"].Value}-{expected[name]}");
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
