using System.Globalization;
using Apko.Apk.Indexes;

namespace Apko.Apk.Installation;

/// <summary>
/// Reads an installed database (<c>lib/apk/db/installed</c>) as apk-tools 2.14 and apko write it. apko's quirks are
/// accepted: <c>i:[]</c> lists, <c>k:0</c> and modes with a leading zero.
/// </summary>
public static class InstalledDatabaseReader
{
    /// <summary>Reads every package record, with its directories and files, into a new database.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">File name used in error messages.</param>
    /// <exception cref="ApkException">A line is malformed, out of place, or a record lacks its name or version.</exception>
    public static InstalledDatabase Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var database = new InstalledDatabase();
        var record = new RecordParser(source);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length < 2)
            {
                record.Finish(database, lineNumber);
                continue;
            }

            if (line[1] != ':')
            {
                throw InstallationErrors.DatabaseFormat(source, lineNumber, $"'{line}' is not a 'X:value' field");
            }

            record.Add(line[0], line[2..], lineNumber);
        }

        record.Finish(database, lineNumber);
        return database;
    }

    /// <summary>Collects the fields of one package record and builds it at the blank line that ends it.</summary>
    private sealed class RecordParser(string source)
    {
        private readonly List<(char Field, string Value, int Line)> _packageFields = [];
        private readonly List<(InstalledDirectory Directory, List<InstalledFile> Files)> _directories = [];
        private InstalledFile? _file;
        private string? _repositoryTag;
        private string? _flags;

        public void Add(char field, string value, int line)
        {
            switch (field)
            {
                case 'F':
                    _directories.Add((new InstalledDirectory(value, FileAcl.DefaultDirectory), []));
                    _file = null;
                    break;
                case 'M':
                    CurrentDirectory(field, line).Directory.Acl = ParseAcl(value, line);
                    break;
                case 'R':
                    _file = new InstalledFile(value, FileAcl.DefaultFile, null);
                    CurrentDirectory(field, line).Files.Add(_file);
                    break;
                case 'a':
                    ReplaceFile(CurrentFile(field, line) with { Acl = ParseAcl(value, line) });
                    break;
                case 'Z':
                    ReplaceFile(CurrentFile(field, line) with { Checksum = value });
                    break;
                case 's':
                    _repositoryTag = value;
                    break;
                case 'f':
                    _flags = value;
                    break;
                default:
                    _packageFields.Add((field, value, line));
                    break;
            }
        }

        public void Finish(InstalledDatabase database, int line)
        {
            if (_packageFields.Count == 0 && _directories.Count == 0)
            {
                return;
            }

            var package = new InstalledPackage(BuildPackage(line))
            {
                RepositoryTag = _repositoryTag,
                Flags = _flags,
            };
            foreach (var (directory, files) in _directories)
            {
                var added = package.AddDirectory(directory.Path, directory.Acl);
                files.ForEach(added.AddFile);
            }

            database.Add(package);
            _packageFields.Clear();
            _directories.Clear();
            _file = null;
            _repositoryTag = null;
            _flags = null;
        }

        private ApkPackage BuildPackage(int line)
        {
            var name = _packageFields.LastOrDefault(field => field.Field == 'P').Value;
            var version = _packageFields.LastOrDefault(field => field.Field == 'V').Value;
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            {
                throw InstallationErrors.DatabaseFormat(source, line, "the record ending here has no 'P:' or 'V:'");
            }

            var package = new ApkPackage { Name = name, Version = version };
            foreach (var (field, value, fieldLine) in _packageFields)
            {
                package = Apply(package, field, value, fieldLine);
            }

            return package;
        }

        private ApkPackage Apply(ApkPackage package, char field, string value, int line) => field switch
        {
            'P' or 'V' => package,
            'C' => package with { Checksum = value },
            'A' => package with { Arch = value },
            'S' => package with { Size = ParseNumber(value, field, line) },
            'I' => package with { InstalledSize = ParseNumber(value, field, line) },
            'T' => package with { Description = value },
            'U' => package with { Url = value },
            'L' => package with { License = value },
            'o' => package with { Origin = value },
            'm' => package with { Maintainer = value },
            't' => package with { BuildTime = ParseNumber(value, field, line) },
            'c' => package with { Commit = value },
            'k' => package with { ProviderPriority = (int)ParseNumber(value, field, line) },
            'D' => package with { Dependencies = SplitList(value) },
            'p' => package with { Provides = SplitList(value) },
            'i' => package with { InstallIf = SplitList(value) },
            'r' => package with { Replaces = SplitList(value) },
            'q' => package with { ReplacesPriority = (int)ParseNumber(value, field, line) },
            _ when char.IsLower(field) => package,
            _ => throw InstallationErrors.DatabaseFormat(source, line, $"'{field}:' is not an installed-database field"),
        };

        private (InstalledDirectory Directory, List<InstalledFile> Files) CurrentDirectory(char field, int line) =>
            _directories.Count > 0
                ? _directories[^1]
                : throw InstallationErrors.DatabaseFormat(source, line, $"'{field}:' comes before any 'F:' line");

        private InstalledFile CurrentFile(char field, int line) =>
            _file ?? throw InstallationErrors.DatabaseFormat(source, line, $"'{field}:' comes before any 'R:' line");

        private void ReplaceFile(InstalledFile file)
        {
            var files = _directories[^1].Files;
            files[^1] = file;
            _file = file;
        }

        private FileAcl ParseAcl(string value, int line)
        {
            var parts = value.Split(':');
            if (parts.Length is < 3 or > 4
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
                || !TryParseOctal(parts[2], out var mode))
            {
                throw InstallationErrors.DatabaseFormat(source, line, $"'{value}' is not 'uid:gid:octal-mode'");
            }

            return new FileAcl((UnixFileMode)mode, uid, gid, parts.Length == 4 ? parts[3] : null);
        }

        private long ParseNumber(string value, char field, int line) =>
            value.Length == 0 ? 0
            : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
            : throw InstallationErrors.DatabaseFormat(source, line, $"'{field}:{value}' is not a non-negative number");

        private static bool TryParseOctal(string text, out int value)
        {
            value = 0;
            if (text.Length is 0 or > 7 || text.Any(static c => c is < '0' or > '7'))
            {
                return false;
            }

            value = Convert.ToInt32(text, 8);
            return true;
        }

        private static string[] SplitList(string value) =>
            value.Trim('[', ']').Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
