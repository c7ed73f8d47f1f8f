using YamlDotNet.Core;

namespace Apko.Configuration.Yaml;

/// <summary>
/// A YAML node with the line and column where it starts. Aliases are resolved to the anchored node and merge keys
/// (<c>&lt;&lt;</c>) are expanded, so readers see plain scalars, sequences and mappings.
/// </summary>
internal sealed class YamlNode
{
    private YamlNode(YamlNodeKind kind, Mark start)
    {
        Kind = kind;
        Line = (int)start.Line;
        Column = (int)start.Column;
    }

    public YamlNodeKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The scalar text; empty for collections.</summary>
    public string Value { get; private init; } = "";

    /// <summary>The explicit tag, such as <c>tag:yaml.org,2002:str</c>; empty when none.</summary>
    public string Tag { get; private init; } = "";

    public ScalarStyle Style { get; private init; }

    public List<YamlNode> Items { get; } = [];

    public List<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = [];

    /// <summary>
    /// Whether the scalar is a plain, untagged value, which YAML resolves to null, a number or a boolean.
    /// </summary>
    public bool IsPlain => Kind == YamlNodeKind.Scalar && Style == ScalarStyle.Plain && Tag.Length == 0;

    /// <summary>
    /// Whether the node is a YAML null: <c>~</c>, <c>null</c>, an empty plain value or <c>!!null</c>.
    /// </summary>
    public bool IsNull => Kind == YamlNodeKind.Scalar
        && (Tag == "tag:yaml.org,2002:null" || (IsPlain && Value is "" or "~" or "null" or "Null" or "NULL"));

    public static YamlNode Scalar(Mark start, string value, string tag, ScalarStyle style) =>
        new(YamlNodeKind.Scalar, start) { Value = value, Tag = tag, Style = style };

    public static YamlNode Sequence(Mark start) => new(YamlNodeKind.Sequence, start);

    public static YamlNode Mapping(Mark start) => new(YamlNodeKind.Mapping, start);

    /// <summary>Describes the node for a type error: "a string", "a list" or "a mapping".</summary>
    public string Describe() => Kind switch
    {
        YamlNodeKind.Sequence => "a list",
        YamlNodeKind.Mapping => "a mapping",
        _ => $"'{Value}'",
    };
}
