namespace Apko.Build;

/// <summary>The fields of <c>/etc/os-release</c> the build uses: ID, NAME, VERSION_ID and PRETTY_NAME.</summary>
internal sealed record OsRelease(string Id, string Name, string VersionId, string PrettyName)
{
    /// <summary>Parses <c>KEY=value</c> lines; values may be single- or double-quoted.</summary>
    public static OsRelease Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=');
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            fields[line[..equals]] = value;
        }

        return new OsRelease(
            fields.GetValueOrDefault("ID", "unknown"),
            fields.GetValueOrDefault("NAME", ""),
            fields.GetValueOrDefault("VERSION_ID", ""),
            fields.GetValueOrDefault("PRETTY_NAME", ""));
    }
}
