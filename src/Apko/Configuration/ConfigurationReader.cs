using System.Collections.Immutable;
using Apko.Configuration.Yaml;

namespace Apko.Configuration;

/// <summary>
/// Converts the YAML nodes of one file into an <see cref="ImageConfiguration"/>, strictly: unknown keys, duplicate
/// keys and values of the wrong type are collected as problems with their position, and reading goes on so every
/// problem in the file is reported at once.
/// </summary>
internal sealed partial class ConfigurationReader
{
    private readonly string _file;
    private readonly List<ConfigurationProblem> _problems;
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    private ConfigurationReader(string file, List<ConfigurationProblem> problems)
    {
        _file = file;
        _problems = problems;
    }

    /// <summary>Reads a document root; problems are appended to <paramref name="problems"/>.</summary>
    public static ParsedConfiguration Read(string file, YamlNode? root, List<ConfigurationProblem> problems)
    {
        var reader = new ConfigurationReader(file, []);
        var configuration = root is null ? ImageConfiguration.Empty : reader.ReadRoot(root);
        problems.AddRange(reader._problems);
        var faulted = reader._problems.Select(problem => problem.KeyPath).ToHashSet(StringComparer.Ordinal);
        return new ParsedConfiguration(file, configuration, reader._locations, faulted);
    }

    private static string Child(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string Item(string path, int index) => $"{path}[{index}]";

    private SourceLocation LocationOf(YamlNode node) => new(_file, node.Line, node.Column);

    private void Report(string code, YamlNode node, string path, string message) =>
        _problems.Add(new ConfigurationProblem(code, LocationOf(node), path, message));

    private void ReportWrongType(YamlNode node, string path, string expected) =>
        Report(
            ConfigurationErrorCodes.WrongType, node, path, ConfigurationMessages.WrongType(expected, node.Describe()));

    /// <summary>
    /// Reads a mapping whose keys must all be in <paramref name="fields"/>; a null node reads as empty.
    /// </summary>
    private void ReadObject(YamlNode node, string path, IReadOnlyDictionary<string, Action<YamlNode, string>> fields)
    {
        if (node.IsNull)
        {
            return;
        }

        if (node.Kind != YamlNodeKind.Mapping)
        {
            ReportWrongType(node, path, ConfigurationMessages.MappingKind);
            return;
        }

        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Entries)
        {
            if (!TryReadKey(key, value, path, seen, out var name))
            {
                continue;
            }

            var childPath = Child(path, name);
            if (!fields.TryGetValue(name, out var readField))
            {
                Report(
                    ConfigurationErrorCodes.UnknownKey, key, childPath,
                    ConfigurationMessages.UnknownKey(name, fields.Keys));
                continue;
            }

            _locations[childPath] = LocationOf(value.IsNull ? key : value);
            readField(value, childPath);
        }
    }

    private bool TryReadKey(
        YamlNode key, YamlNode value, string path, Dictionary<string, YamlNode> seen, out string name)
    {
        name = key.Value;
        if (key.Kind != YamlNodeKind.Scalar)
        {
            ReportWrongType(key, path, ConfigurationMessages.KeyKind);
            return false;
        }

        if (seen.TryGetValue(name, out var first))
        {
            Report(
                ConfigurationErrorCodes.DuplicateKey, key, Child(path, name),
                ConfigurationMessages.DuplicateKey(name, first.Line));
            return false;
        }

        seen[name] = key;
        return true;
    }

    private string ReadString(YamlNode node, string path)
    {
        if (node.IsNull)
        {
            return "";
        }

        if (node.Kind != YamlNodeKind.Scalar)
        {
            ReportWrongType(node, path, ConfigurationMessages.StringKind);
            return "";
        }

        // yaml.v3 stores the text of any scalar in a string field, so 'cmd: 1' is the string "1".
        return node.Value;
    }

    /// <summary>Reads a list; <paramref name="readItem"/> returns a value for every item, even a faulty one, so
    /// list indexes stay the same as in the file.</summary>
    private ImmutableArray<T> ReadList<T>(YamlNode node, string path, Func<YamlNode, string, T> readItem)
    {
        if (node.IsNull)
        {
            return [];
        }

        if (node.Kind != YamlNodeKind.Sequence)
        {
            ReportWrongType(node, path, ConfigurationMessages.ListKind);
            return [];
        }

        var items = ImmutableArray.CreateBuilder<T>(node.Items.Count);
        for (var index = 0; index < node.Items.Count; index++)
        {
            var itemPath = Item(path, index);
            _locations[itemPath] = LocationOf(node.Items[index]);
            items.Add(readItem(node.Items[index], itemPath));
        }

        return items.ToImmutable();
    }

    private ImmutableArray<string> ReadStringList(YamlNode node, string path) => ReadList(node, path, ReadString);

    private ImmutableSortedDictionary<string, string> ReadStringMap(YamlNode node, string path)
    {
        var map = StringMaps.Empty.ToBuilder();
        if (node.IsNull)
        {
            return map.ToImmutable();
        }

        if (node.Kind != YamlNodeKind.Mapping)
        {
            ReportWrongType(node, path, ConfigurationMessages.MappingKind);
            return map.ToImmutable();
        }

        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Entries)
        {
            if (TryReadKey(key, value, path, seen, out var name))
            {
                var childPath = Child(path, name);
                _locations[childPath] = LocationOf(value.IsNull ? key : value);
                map[name] = ReadString(value, childPath);
            }
        }

        return map.ToImmutable();
    }

    private long? ReadInteger(YamlNode node, string path, long minimum, long maximum)
    {
        if (node.IsNull)
        {
            return null;
        }

        if (!YamlScalars.TryGetInteger(node, out var value))
        {
            ReportWrongType(node, path, ConfigurationMessages.IntegerKind);
            return null;
        }

        if (value < minimum || value > maximum)
        {
            Report(
                ConfigurationErrorCodes.WrongType, node, path,
                ConfigurationMessages.IntegerOutOfRange(node.Value, minimum, maximum));
            return null;
        }

        return value;
    }

    private uint? ReadUInt32(YamlNode node, string path) => (uint?)ReadInteger(node, path, 0, uint.MaxValue);

    private bool ReadBoolean(YamlNode node, string path)
    {
        if (node.IsNull)
        {
            return false;
        }

        if (!YamlScalars.TryGetBoolean(node, out var value))
        {
            ReportWrongType(node, path, ConfigurationMessages.BooleanKind);
        }

        return value;
    }
}
