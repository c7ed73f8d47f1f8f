using System.Security.Cryptography;
using System.Text;
using Apko.Apk.Indexes;
using Apko.Apk.Resolution;
using Apko.Apk.Tests.Versions;
using Apko.Apk.Versions;

namespace Apko.Apk.Tests.Resolution;

/// <summary>
/// Runs apko's version-selection table: one package name in several versions, 2.1.0 only in a repository tagged
/// <c>pinA</c>, with a constraint, an optional pin and an optional installed package.
/// </summary>
public sealed class ResolveVersionTableTests
{
    private static readonly string[] s_untaggedVersions =
        ["1.2.3-r0", "1.3.6-r0", "1.2.8-r0", "1.7.1-r0", "1.7.1-r1", "2.0.6-r0", "0.14.0-r3", "0.15.0-r0"];

    /// <summary>
    /// Rows where apk-tools, which wins, chooses differently: a world atom without the tag prefers an untagged
    /// repository over an installed pinned package, as apk-tools' own pinning10 case shows by downgrading.
    /// </summary>
    private static readonly Dictionary<string, string> s_apkToolsChoices = new()
    {
        ["greater than or equal to version match with pin preinstalled"] = "2.0.6-r0",
        ["no requirement should get highest version with pin, if installed"] = "2.0.6-r0",
    };

    public static TheoryData<string> Rows => VersionDataFile.ReadRows("apko-resolve-version.txt");

    [Theory]
    [MemberData(nameof(Rows))]
    public void Resolve_MatchesApkoTableOrApkTools(string row)
    {
        var fields = row[(row.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split('\t');
        var (version, op, pin, installed, description) = (fields[0], fields[1], fields[2], fields[3], fields[5]);
        var expected = s_apkToolsChoices.GetValueOrDefault(description, fields[4].Trim());
        var atom = $"pkg{(pin.Length > 0 ? "@" + pin : "")}{(op == "any" ? "" : op + version)}";
        var resolver = new Resolver(CreateRepositories(), new ResolverOptions { Installed = CreateInstalled(installed) });

        if (expected.Length == 0)
        {
            Assert.Throws<ResolutionException>(() => resolver.Resolve([Dependency.Parse(atom)]));
            return;
        }

        var result = resolver.Resolve([Dependency.Parse(atom)]);

        Assert.Equal(expected, Assert.Single(result.Packages).Package.Version);
    }

    private static List<RepositoryIndex> CreateRepositories() =>
    [
        new(new Repository("untagged"), "x86_64", new ApkIndex("", s_untaggedVersions.Select(CreatePackage).ToList())),
        new(new Repository("pinned", "pinA"), "x86_64", new ApkIndex("", [CreatePackage("2.1.0")])),
    ];

    private static List<InstalledPackage> CreateInstalled(string installed) => installed switch
    {
        "pinPackage" => [new InstalledPackage(CreatePackage("2.1.0"), "pinA")],
        "lowestPackage" => [new InstalledPackage(CreatePackage("1.2.3-r0"))],
        _ => [],
    };

    private static ApkPackage CreatePackage(string version) => new()
    {
        Name = "pkg",
        Version = version,
        Checksum = "Q1" + Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(version))),
        InstalledSize = 1,
    };
}
