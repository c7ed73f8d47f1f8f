namespace Apko.Configuration.Yaml;

/// <summary>The three YAML node kinds.</summary>
internal enum YamlNodeKind
{
    Scalar,
    Sequence,
    Mapping,
}
