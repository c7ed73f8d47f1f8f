using Apko.Testing;

namespace Apko.Apk.Tests.Versions;

/// <summary>Reads the version fixture files as theory rows of <c>file:line: text</c>, skipping blanks and comments.</summary>
internal static class VersionDataFile
{
    public static TheoryData<string> ReadRows(string fileName, string commentPrefix = "#")
    {
        var rows = new TheoryData<string>();
        var lines = File.ReadAllLines(Fixtures.Path("versions", fileName));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Trim().Length > 0 && !line.StartsWith(commentPrefix, StringComparison.Ordinal))
            {
                rows.Add($"{fileName}:{i + 1}: {line}");
            }
        }

        return rows;
    }

    /// <summary>
    /// Returns the row text after the <c>file:line: </c> prefix, without a trailing <c>#</c> comment or surrounding
    /// white space.
    /// </summary>
    public static string Text(string row)
    {
        var text = row[(row.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        var comment = text.IndexOf('#', StringComparison.Ordinal);
        return (comment < 0 ? text : text[..comment]).Trim();
    }

    public static string[] Fields(string row) =>
        Text(row).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
