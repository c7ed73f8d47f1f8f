using System.Diagnostics.CodeAnalysis;

namespace Apko.Apk.Versions;

/// <summary>
/// Splits a dependency atom into conflict mark, name, tag, operator and version, and checks each part.
/// </summary>
internal static class DependencyParser
{
    private const string OperatorCharacters = "<>=~";

    /// <summary>
    /// Returns the name part of an atom without parsing the rest: no <c>!</c>, operator, version or tag. Matches the
    /// name <see cref="TryParse"/> reads from a valid atom.
    /// </summary>
    public static ReadOnlySpan<char> ReadName(ReadOnlySpan<char> atom)
    {
        if (!atom.IsEmpty && atom[0] == '!')
        {
            atom = atom[1..];
        }

        var end = atom.IndexOfAny(OperatorCharacters);
        var name = end < 0 ? atom : atom[..end];
        var at = name.IndexOf('@');
        return at < 0 ? name : name[..at];
    }

    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out Dependency? dependency,
        out string problem)
    {
        dependency = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "it is empty";
            return false;
        }

        var isConflict = text[0] == '!';
        var atom = isConflict ? text.AsSpan(1) : text.AsSpan();
        var operatorStart = atom.IndexOfAny(OperatorCharacters);
        var namePart = operatorStart < 0 ? atom : atom[..operatorStart];
        var operatorEnd = operatorStart < 0 ? atom.Length : operatorStart;
        while (operatorEnd < atom.Length && OperatorCharacters.Contains(atom[operatorEnd]))
        {
            operatorEnd++;
        }

        var operatorText = operatorStart < 0 ? [] : atom[operatorStart..operatorEnd];
        var versionPart = atom[operatorEnd..];
        if (!TrySplitTag(ref namePart, ref versionPart, out var tag, out problem)
            || !TryCheckName(namePart, out problem)
            || !TryParseOperator(operatorText, out var op, out problem)
            || !TryCheckVersion(op, versionPart, out problem))
        {
            return false;
        }

        var version = op == VersionOperator.Any ? null : versionPart.ToString();
        dependency = new Dependency(namePart.ToString(), op, version, tag, isConflict);
        return true;
    }

    /// <summary>
    /// Takes the tag from <c>name@tag</c> (apk-tools' order) or from <c>version@tag</c> (apko's order).
    /// </summary>
    private static bool TrySplitTag(
        ref ReadOnlySpan<char> name,
        ref ReadOnlySpan<char> version,
        out string? tag,
        out string problem)
    {
        tag = null;
        problem = "";
        var nameAt = name.IndexOf('@');
        var versionAt = version.IndexOf('@');
        if (nameAt >= 0 && versionAt >= 0)
        {
            problem = "it has two '@' tags";
            return false;
        }

        ReadOnlySpan<char> tagText;
        if (nameAt >= 0)
        {
            tagText = name[(nameAt + 1)..];
            name = name[..nameAt];
        }
        else if (versionAt >= 0)
        {
            tagText = version[(versionAt + 1)..];
            version = version[..versionAt];
        }
        else
        {
            return true;
        }

        if (tagText.IsEmpty || tagText.ContainsAny("@ \t"))
        {
            problem = $"the tag '{tagText}' after '@' is empty or has spaces";
            return false;
        }

        tag = tagText.ToString();
        return true;
    }

    private static bool TryCheckName(ReadOnlySpan<char> name, out string problem)
    {
        problem = "";
        if (name.IsEmpty)
        {
            problem = "it has no package name";
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '!')
            {
                problem = $"the name '{name}' contains '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4") : c)}'";
                return false;
            }
        }

        return true;
    }

    private static bool TryParseOperator(ReadOnlySpan<char> text, out VersionOperator op, out string problem)
    {
        problem = "";
        op = text switch
        {
            "" => VersionOperator.Any,
            "=" => VersionOperator.Equal,
            "<" => VersionOperator.Less,
            ">" => VersionOperator.Greater,
            "<=" => VersionOperator.LessOrEqual,
            ">=" => VersionOperator.GreaterOrEqual,
            "~" or "~=" or "=~" => VersionOperator.FuzzyEqual,
            "<~" => VersionOperator.Less | VersionOperator.FuzzyEqual,
            ">~" => VersionOperator.Greater | VersionOperator.FuzzyEqual,
            "><" => VersionOperator.Checksum,
            _ => VersionOperator.None,
        };
        if (op == VersionOperator.None)
        {
            problem = $"'{text}' is not a version operator";
            return false;
        }

        return true;
    }

    private static bool TryCheckVersion(VersionOperator op, ReadOnlySpan<char> version, out string problem)
    {
        problem = "";
        if (op == VersionOperator.Any)
        {
            return true;
        }

        if (version.IsEmpty)
        {
            problem = "it has an operator but no version";
            return false;
        }

        if (op != VersionOperator.Checksum && !ApkVersion.IsValid(version))
        {
            problem = $"'{version}' is not a valid APK version";
            return false;
        }

        return true;
    }
}
