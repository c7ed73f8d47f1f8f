using System.Globalization;

namespace Apko.Build.Accounts;

/// <summary>One line of <c>/etc/passwd</c>: <c>name:password:uid:gid:gecos:home:shell</c>.</summary>
internal sealed record PasswdEntry(string UserName, string Password, uint Uid, uint Gid, string Gecos, string Home, string Shell)
{
    /// <summary>Parses a passwd file, skipping blank lines and lines that do not have seven fields.</summary>
    public static List<PasswdEntry> ParseFile(string text)
    {
        var entries = new List<PasswdEntry>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.TrimEnd('\r').Split(':');
            if (fields.Length != 7
                || !uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                || !uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                continue;
            }

            entries.Add(new PasswdEntry(fields[0], fields[1], uid, gid, fields[4], fields[5], fields[6]));
        }

        return entries;
    }

    /// <summary>Formats entries one per line, each ending in a newline.</summary>
    public static string FormatFile(IEnumerable<PasswdEntry> entries) =>
        string.Concat(entries.Select(e => e + "\n"));

    /// <summary>Returns the passwd line without its newline.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{UserName}:{Password}:{Uid}:{Gid}:{Gecos}:{Home}:{Shell}");
}
