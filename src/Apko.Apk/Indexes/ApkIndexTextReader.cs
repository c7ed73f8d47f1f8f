using System.Globalization;

namespace Apko.Apk.Indexes;

/// <summary>
/// Reads the plain-text APKINDEX format: records of <c>X:value</c> lines separated by blank lines. The same format
/// is used by <c>lib/apk/db/installed</c> for its package fields and by apk-tools' solver test repositories.
/// </summary>
public static class ApkIndexTextReader
{
    /// <summary>Reads every package record of an APKINDEX text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">File name used in error messages.</param>
    /// <exception cref="ApkException">A line is not <c>X:value</c>, a number is invalid, or a record lacks P or V.</exception>
    public static IReadOnlyList<ApkPackage> Read(TextReader reader, string source)
    {
        var packages = new List<ApkPackage>();
        var record = new RecordBuilder(source);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                record.Flush(packages);
                continue;
            }

            if (line.Length < 2 || line[1] != ':')
            {
                throw new ApkException(
                    "APKO2010",
                    $"{source}:{lineNumber}: '{Truncate(line)}' is not an index field. Each line must be 'X:value'; "
                    + "the index is corrupt, so fetch it again.");
            }

            record.Add(line[0], line[2..], lineNumber);
        }

        record.Flush(packages);
        return packages;
    }

    private static string Truncate(string line) => line.Length <= 60 ? line : line[..60] + "…";

    private sealed class RecordBuilder(string source)
    {
        private readonly List<(char Field, string Value, int Line)> _fields = [];
        private int _firstLine;

        public void Add(char field, string value, int line)
        {
            if (_fields.Count == 0)
            {
                _firstLine = line;
            }

            _fields.Add((field, value, line));
        }

        public void Flush(List<ApkPackage> packages)
        {
            if (_fields.Count == 0)
            {
                return;
            }

            packages.Add(Build());
            _fields.Clear();
        }

        private ApkPackage Build()
        {
            string? name = null;
            string? version = null;
            foreach (var (field, value, _) in _fields)
            {
                if (field == 'P')
                {
                    name = value;
                }
                else if (field == 'V')
                {
                    version = value;
                }
            }

            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            {
                throw new ApkException(
                    "APKO2011",
                    $"{source}:{_firstLine}: the package record starting here has no 'P:' name or 'V:' version; "
                    + "the index is corrupt, so fetch it again.");
            }

            var package = new ApkPackage { Name = name, Version = version };
            foreach (var (field, value, line) in _fields)
            {
                package = Apply(package, field, value, line);
            }

            return package;
        }

        private ApkPackage Apply(ApkPackage package, char field, string value, int line) => field switch
        {
            'A' => package with { Arch = value },
            'C' => package with { Checksum = value },
            'S' => package with { Size = ParseNumber(value, field, line) },
            'I' => package with { InstalledSize = ParseNumber(value, field, line) },
            'T' => package with { Description = value },
            'U' => package with { Url = value },
            'L' => package with { License = value },
            'o' => package with { Origin = value },
            'm' => package with { Maintainer = value },
            't' => package with { BuildTime = ParseNumber(value, field, line) },
            'c' => package with { Commit = value },
            'D' => package with { Dependencies = SplitList(value) },
            'p' => package with { Provides = SplitList(value) },
            'i' => package with { InstallIf = SplitList(value) },
            'r' => package with { Replaces = SplitList(value) },
            'k' => package with { ProviderPriority = (int)ParseNumber(value, field, line) },
            'q' => package with { ReplacesPriority = (int)ParseNumber(value, field, line) },
            _ => package,
        };

        private long ParseNumber(string value, char field, int line)
        {
            if (value.Length == 0)
            {
                return 0;
            }

            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new ApkException(
                    "APKO2012",
                    $"{source}:{line}: field '{field}:' has '{Truncate(value)}', which is not a non-negative number; "
                    + "the index is corrupt, so fetch it again.");
            }

            return number;
        }

        private static string[] SplitList(string value) =>
            value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
