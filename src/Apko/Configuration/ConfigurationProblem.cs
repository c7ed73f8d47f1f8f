namespace Apko.Configuration;

/// <summary>One problem found in a configuration: where it is, which key, what is wrong and how to fix it.</summary>
/// <param name="Code">The stable error code, <c>APKO1xxx</c>.</param>
/// <param name="Location">
/// The file position, or <see langword="null"/> for a value that came from the command line.
/// </param>
/// <param name="KeyPath">The YAML key path in the file, such as <c>contents.packages[2]</c>, or a flag name.</param>
/// <param name="Message">What is wrong and what to do, as full sentences.</param>
public sealed record ConfigurationProblem(string Code, SourceLocation? Location, string KeyPath, string Message)
{
    /// <summary>Formats the problem as <c>file:line:col: key.path: message</c>.</summary>
    public override string ToString()
    {
        var prefix = Location is null ? "" : Location + ": ";
        var key = KeyPath.Length == 0 ? "" : KeyPath + ": ";
        return prefix + key + Message;
    }
}
