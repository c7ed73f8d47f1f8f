using System.Text;

namespace Apko.Cli.Tests.Acceptance;

/// <summary>The records of an apk installed database (<c>lib/apk/db/installed</c>), one list of lines each.</summary>
internal sealed class InstalledDatabase
{
    private InstalledDatabase(IReadOnlyList<IReadOnlyList<string>> records)
    {
        Records = records;
    }

    /// <summary>Each package's lines, in file order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Records { get; }

    /// <summary>The package names (<c>P:</c>) in file order.</summary>
    public IEnumerable<string> PackageNames => Records.Select(NameOf);

    /// <summary>Parses the file's bytes: records are separated by blank lines.</summary>
    public static InstalledDatabase Parse(byte[] content)
    {
        var records = Encoding.UTF8.GetString(content)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(record => (IReadOnlyList<string>)record.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Where(lines => lines.Count > 0)
            .ToList();
        return new InstalledDatabase(records);
    }

    /// <summary>Returns a record's lines for a package name.</summary>
    public IReadOnlyList<string> Record(string name)
    {
        var record = Records.FirstOrDefault(r => NameOf(r) == name);
        Assert.True(record is not null, $"The installed database has no package '{name}'.");
        return record!;
    }

    /// <summary>
    /// Returns the package's file lines (F, R, a, M, Z), in order, since the order ties each line to its file.
    /// </summary>
    public static IReadOnlyList<string> FileLines(IReadOnlyList<string> record) =>
        record.Where(IsFileLine).ToList();

    /// <summary>Returns the package's field lines, sorted, since their order is not part of the data.</summary>
    public static IReadOnlyList<string> FieldLines(IReadOnlyList<string> record) =>
        record.Where(line => !IsFileLine(line)).Order(StringComparer.Ordinal).ToList();

    private static bool IsFileLine(string line) => line.Length > 1 && "FRaMZ".Contains(line[0]) && line[1] == ':';

    private static string NameOf(IReadOnlyList<string> record) =>
        record.FirstOrDefault(l => l.StartsWith("P:", StringComparison.Ordinal))?[2..] ?? "";
}
