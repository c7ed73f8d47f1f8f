using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Apko.Configuration.Yaml;

/// <summary>
/// Reads the first YAML document of a text into <see cref="YamlNode"/>s, keeping positions. Later documents are
/// ignored, as yaml.v3's decoder (which apko uses) reads only the first.
/// </summary>
internal static class YamlDocumentReader
{
    private const string MergeKey = "<<";

    // The apko schema nests four levels deep; the limit only stops hostile input from exhausting the stack.
    private const int MaxDepth = 64;

    /// <summary>Reads the root node; returns <see langword="null"/> when the text contains no document.</summary>
    /// <exception cref="YamlException">The text is not well-formed YAML, or an alias names no anchor.</exception>
    public static YamlNode? Read(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        try
        {
            return ReadDocument(new Parser(scanner));
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet's scanner throws InvalidOperationException on some malformed input, such as an unclosed
            // flow sequence followed by a block mapping ("contents: [\n  packages\narchs: x86_64").
            var position = scanner.CurrentPosition;
            const string Reason = "Scanning stopped at this position. Check for an unclosed '[' or '{' and the indentation.";
            throw new YamlException(position, position, Reason, exception);
        }
    }

    private static YamlNode? ReadDocument(Parser parser)
    {
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode(parser, anchors, 0);
        parser.Consume<DocumentEnd>();
        return root;
    }

    private static YamlNode ReadNode(IParser parser, Dictionary<string, YamlNode> anchors, int depth)
    {
        if (depth > MaxDepth && parser.Current is { } tooDeep)
        {
            throw new YamlException(
                tooDeep.Start, tooDeep.End, $"The document nests deeper than {MaxDepth} levels.");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new YamlException(
                alias.Start, alias.End, $"The alias '*{alias.Value}' names no anchor defined before it.");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var node = YamlNode.Scalar(scalar.Start, scalar.Value, TagOf(scalar), scalar.Style);
            Remember(anchors, scalar, node);
            return node;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var node = YamlNode.Sequence(sequenceStart.Start);
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                node.Items.Add(ReadNode(parser, anchors, depth + 1));
            }

            // Registered once complete, so an alias inside its own anchor is an error, not a cycle.
            Remember(anchors, sequenceStart, node);
            return node;
        }

        var mappingStart = parser.Consume<MappingStart>();
        var mapping = YamlNode.Mapping(mappingStart.Start);
        ReadEntries(parser, anchors, mapping, depth);
        Remember(anchors, mappingStart, mapping);
        return mapping;
    }

    private static void ReadEntries(
        IParser parser, Dictionary<string, YamlNode> anchors, YamlNode mapping, int depth)
    {
        var merged = new List<YamlNode>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser, anchors, depth + 1);
            var value = ReadNode(parser, anchors, depth + 1);
            if (key.IsPlain && key.Value == MergeKey)
            {
                merged.AddRange(value.Kind == YamlNodeKind.Sequence ? value.Items : [value]);
                continue;
            }

            mapping.Entries.Add(new(key, value));
        }

        AddMergedEntries(mapping, merged);
    }

    // A merge key (<<) copies the entries of the named mappings that the mapping does not define itself; the first
    // merged mapping that defines a key wins, as in yaml.v3.
    private static void AddMergedEntries(YamlNode mapping, List<YamlNode> sources)
    {
        var defined = new HashSet<string>(mapping.Entries.Select(entry => entry.Key.Value), StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (source.Kind != YamlNodeKind.Mapping)
            {
                throw new YamlException(
                    new Mark(0, source.Line, source.Column), new Mark(0, source.Line, source.Column),
                    "The merge key '<<' must name a mapping or a list of mappings.");
            }

            foreach (var entry in source.Entries.Where(entry => defined.Add(entry.Key.Value)))
            {
                mapping.Entries.Add(entry);
            }
        }
    }

    private static string TagOf(NodeEvent node) => node.Tag.IsEmpty ? "" : node.Tag.Value;

    private static void Remember(Dictionary<string, YamlNode> anchors, NodeEvent node, YamlNode value)
    {
        if (!node.Anchor.IsEmpty)
        {
            anchors[node.Anchor.Value] = value;
        }
    }
}
