using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Resolution;
using Apko.Testing;

namespace Apko.Apk.Tests.Resolution;

/// <summary>
/// One apk-tools solver test (<c>*.test</c>): the <c>apk</c> arguments after <c>@ARGS</c> (test repositories, installed
/// database, world, applet and its arguments) and the output after <c>@EXPECT</c>.
/// </summary>
internal sealed class SolverTestCase
{
    private SolverTestCase(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    /// <summary>
    /// Repository files in order, each with its tag and architecture; a <c>!</c> prefix in the file marks a local one.
    /// The architecture is <c>x86_64</c> unless a <c>--test-arch NAME</c> argument (an addition to apk-tools' harness,
    /// for multi-architecture cases) comes before the repository.
    /// </summary>
    public List<(string File, string? Tag, string Arch)> Repositories { get; } = [];

    public IReadOnlyList<string> Architectures => Repositories.Select(r => r.Arch).Distinct().ToList();

    public string? InstalledFile { get; private set; }

    public List<string> World { get; } = [];

    public List<string> GlobalOptions { get; } = [];

    public string? Applet { get; private set; }

    public List<string> AppletArguments { get; } = [];

    public List<string> Expected { get; } = [];

    public static SolverTestCase Read(string directory, string fileName)
    {
        var testCase = new SolverTestCase(directory, fileName);
        var lines = File.ReadAllLines(Path.Combine(directory, fileName));
        var expect = Array.IndexOf(lines, "@EXPECT");
        var arguments = Tokenize(string.Join(' ', lines[(Array.IndexOf(lines, "@ARGS") + 1)..expect]));
        testCase.ReadArguments(arguments);
        testCase.Expected.AddRange(lines[(expect + 1)..].Where(line => line.Length > 0));
        return testCase;
    }

    private void ReadArguments(List<string> arguments)
    {
        var arch = "x86_64";
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            switch (argument)
            {
                case "--test-repo":
                    var repository = arguments[++i];
                    var colon = repository.IndexOf(':', StringComparison.Ordinal);
                    Repositories.Add(colon < 0
                        ? (repository, null, arch)
                        : (repository[(colon + 1)..], repository[..colon], arch));
                    break;
                case "--test-arch":
                    arch = arguments[++i];
                    break;
                case "--test-instdb":
                    InstalledFile = arguments[++i];
                    break;
                case "--test-world":
                    World.AddRange(arguments[++i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case var _ when Applet is null && argument.StartsWith('-'):
                    GlobalOptions.Add(argument);
                    break;
                case var _ when Applet is null:
                    Applet = argument;
                    break;
                default:
                    AppletArguments.Add(argument);
                    break;
            }
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                Flush();
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>Returns why the case is outside what the resolver models, or null when it applies.</summary>
    public string? FindSkipReason()
    {
        if (Applet != "add")
        {
            return $"'apk {Applet}' changes or repairs an installed system; the resolver only adds packages.";
        }

        var unsupported = GlobalOptions.Concat(AppletArguments)
            .Where(a => a.StartsWith('-') && a != "--no-network")
            .ToList();
        return unsupported.Count == 0
            ? null
            : $"'apk add {string.Join(' ', unsupported)}' (upgrade, forced or virtual-package options) is not modelled.";
    }

    public List<RepositoryIndex> ReadRepositories()
    {
        var noNetwork = GlobalOptions.Contains("--no-network");
        var repositories = new List<RepositoryIndex>();
        foreach (var (file, tag, arch) in Repositories)
        {
            var isLocal = file.StartsWith('!');
            if (noNetwork && !isLocal)
            {
                continue;
            }

            var path = Path.Combine(Directory, file.TrimStart('!'));
            var packages = ReadIndexText(path);
            repositories.Add(new RepositoryIndex(new Repository(path, tag), arch, new ApkIndex("", packages)));
        }

        return repositories;
    }

    public List<InstalledPackage> ReadInstalled()
    {
        if (InstalledFile is null)
        {
            return [];
        }

        var path = Path.Combine(Directory, InstalledFile);
        var packages = ReadIndexText(path);
        var tags = File.ReadAllText(path).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(record => record.Split('\n').FirstOrDefault(line => line.StartsWith("s:", StringComparison.Ordinal)))
            .ToList();
        return packages.Select((package, i) => new InstalledPackage(package, tags[i]?[2..])).ToList();
    }

    /// <summary>
    /// Reads an APKINDEX text, first joining repeated <c>p:</c> lines of a record, which apk-tools accepts and the
    /// index reader would let the last one win.
    /// </summary>
    private static IReadOnlyList<ApkPackage> ReadIndexText(string path)
    {
        var records = File.ReadAllText(path).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var joined = new StringBuilder();
        foreach (var record in records)
        {
            var lines = record.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var provides = lines.Where(l => l.StartsWith("p:", StringComparison.Ordinal)).Select(l => l[2..]).ToList();
            foreach (var line in lines.Where(l => !l.StartsWith("p:", StringComparison.Ordinal)))
            {
                joined.Append(line).Append('\n');
            }

            if (provides.Count > 0)
            {
                joined.Append("p:").Append(string.Join(' ', provides)).Append('\n');
            }

            joined.Append('\n');
        }

        return ApkIndexTextReader.Read(new StringReader(joined.ToString()), path);
    }

    public static string FixtureDirectory => Fixtures.Path("apk-tools-solver", "2.14");

    /// <summary>This project's own cases, read from the source tree.</summary>
    public static string OwnCaseDirectory =>
        Path.Combine(Fixtures.RepositoryRoot, "tests", "Apko.Apk.Tests", "Resolution", "testdata");

    public static TheoryData<string> ListCases(string directory) => new(
        System.IO.Directory.GetFiles(directory, "*.test").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public override string ToString() => Name;
}
