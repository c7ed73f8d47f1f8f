namespace Apko.Configuration;

/// <summary>A position in a configuration file, as printed in messages: <c>apko.yaml:14:7</c>.</summary>
/// <param name="File">The file as the caller named it, or as an <c>include</c> resolved it.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
