using System.Globalization;

namespace Apko.Build.Accounts;

/// <summary>One line of <c>/etc/group</c>: <c>name:password:gid:member,member</c>.</summary>
internal sealed record GroupEntry(string GroupName, string Password, uint Gid, IReadOnlyList<string> Members)
{
    /// <summary>Parses a group file, skipping blank lines and lines that do not have four fields.</summary>
    public static List<GroupEntry> ParseFile(string text)
    {
        var entries = new List<GroupEntry>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.TrimEnd('\r').Split(':');
            if (fields.Length != 4
                || !uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                continue;
            }

            entries.Add(new GroupEntry(fields[0], fields[1], gid, fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries)));
        }

        return entries;
    }

    /// <summary>Formats entries one per line, each ending in a newline.</summary>
    public static string FormatFile(IEnumerable<GroupEntry> entries) =>
        string.Concat(entries.Select(e => e + "\n"));

    /// <summary>Returns the group line without its newline.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{GroupName}:{Password}:{Gid}:{string.Join(',', Members)}");
}
