using Apko.Configuration.Yaml;

namespace Apko.Configuration;

/// <summary>The text of every configuration problem, one method per message so the compiler checks each use.</summary>
internal static class ConfigurationMessages
{
    public const string StringKind = "a single value";
    public const string ListKind = "a list";
    public const string MappingKind = "a mapping of keys to values";
    public const string KeyKind = "a plain key";
    public const string IntegerKind = "a whole number";
    public const string BooleanKind = "true or false";
    public const string NameContentKind = "a mapping with 'name' and 'content'";

    private const string ConstraintForms = "Use NAME, NAME=VERSION or NAME>VERSION.";
    private const string KeyNamePattern = "letters, digits, '_', '-' and '.', not starting with '.'";

    public static string WrongType(string expected, string found) =>
        $"Expected {expected} but found {found}. {FixFor(expected)}";

    public static string UnknownKey(string key, IEnumerable<string> validKeys)
    {
        var valid = validKeys.Order(StringComparer.Ordinal).ToList();
        var closest = valid.MinBy(candidate => EditDistance(key, candidate));
        var hint = closest is not null && EditDistance(key, closest) <= Math.Max(2, key.Length / 3)
            ? $" Did you mean '{closest}'?"
            : "";
        return $"'{key}' is not a known key.{hint} Valid keys here: {string.Join(", ", valid)}.";
    }

    public static string DuplicateKey(string key, int firstLine) =>
        $"'{key}' is already defined on line {firstLine}. Keep one of the two entries.";

    public static string IntegerOutOfRange(string text, long minimum, long maximum) =>
        $"'{text}' is out of range. Use a whole number from {minimum} to {maximum}.";

    public static string UnknownArchitecture(string name) =>
        $"'{name}' is not a supported architecture. Use one of: "
        + string.Join(", ", Architecture.All.Select(arch => $"{arch.OciName} ({arch.ApkName})")) + ".";

    public static string ArchitectureKeywordInFile(string name) =>
        $"'{name}' is only accepted by --arch. List the architectures by name, or leave 'archs' out to build all nine.";

    public static string DuplicateArchitecture(string name) =>
        $"'{name}' is listed twice. Remove the repeated entry.";

    public static string UnknownPathType(string name) =>
        $"'{name}' is not a path mutation type. Use directory, empty-file, hardlink, symlink or permissions.";

    public static string EmptyValue(string entryKind) =>
        $"The {entryKind} is empty. Remove the entry or give it a value.";

    public static string InvalidPackageConstraint(string constraint, string reason) =>
        $"'{constraint}' is not a valid package constraint: {reason}. {ConstraintForms}";

    public static string InvalidRepository(string entry) =>
        $"'{entry}' is not a valid repository. Use a URL or path, optionally after a tag: '@TAG URL'.";

    public static string UnknownEntrypointType(string type) =>
        $"'{type}' is not an entrypoint type. Use 'service-bundle' or leave 'type' out.";

    public static string PathMissing() =>
        "The entry has no 'path'. Add the absolute path to change, such as '/run/app'.";

    public static string PathTypeMissing(string path) =>
        $"The entry for '{path}' has no 'type'. Add one of directory, empty-file, hardlink, symlink or permissions.";

    public static string PathTrailingSlash(string path) =>
        $"'{path}' ends with '/'. Write the path without the trailing slash: '{path.TrimEnd('/')}'.";

    public static string PermissionsMissing(string path, PathMutationType type) =>
        $"The {PathMutation.ToYamlName(type)} entry for '{path}' has no 'permissions'. "
        + "Add the mode in YAML 1.2 octal, such as 'permissions: 0o755' (a bare 755 is decimal).";

    public static string PermissionsTooLarge(string path, uint permissions) =>
        $"The permissions of '{path}' are {YamlScalars.FormatOctal(permissions)}, which has bits above 0o7777. "
        + "Write the mode in octal with a 0o prefix, such as 0o755 (a bare 755 is decimal).";

    public static string SourceMissing(string path, PathMutationType type) =>
        $"The {PathMutation.ToYamlName(type)} entry for '{path}' has no 'source'. Add the path the link points to.";

    public static string UserNameMissing() => "The user has no 'username'. Add the login name.";

    public static string UidMissing(string userName) => $"The user '{userName}' has no 'uid'. Add a non-zero user ID.";

    public static string UidZero(string userName) =>
        $"The user '{userName}' has UID 0. To run as root, remove the user and use 'run-as: 0'.";

    public static string GroupNameMissing() => "The group has no 'groupname'. Add the group name.";

    public static string InvalidKeyName(string name) =>
        $"'{name}' is not a valid key file name. Use {KeyNamePattern}.";

    public static string DuplicateKeyName(string name, SourceLocation first) =>
        $"The key name '{name}' is already used at {first}. Give each runtime key its own name.";

    public static string KeyContentMissing(string name) =>
        $"The runtime key '{name}' has no 'content'. Add the PEM-encoded public key.";

    public static string InvalidCertificateName(string name) =>
        $"'{name}' is not a valid certificate name. Use {KeyNamePattern}.";

    public static string CertificateCount(string name, int count) =>
        $"The certificate '{name}' contains {count} PEM CERTIFICATE blocks. Give exactly one certificate per entry.";

    public static string UnknownLayeringStrategy(string strategy) =>
        $"'{strategy}' is not a layering strategy. Use 'strategy: origin', or remove 'layering' for a single layer.";

    public static string NegativeBudget(int budget) =>
        $"The layering budget {budget} is negative. Use 0 or more.";

    public static string UnknownFormat(string format) =>
        $"'{format}' is not a layer format. Use 'tar' or leave 'format' out.";

    public static string NotBuiltYet(string feature, string alternative) =>
        $"{feature} is not built yet in this version. {alternative}";

    public static string FileNotFound(string path, IEnumerable<string> tried) =>
        $"The configuration file '{path}' was not found (looked for: {string.Join(", ", tried)}). "
        + "Check the path, or pass the directory that contains it with --include-paths.";

    public static string FileUnreadable(string path, string reason) =>
        $"The configuration file '{path}' could not be read: {reason}";

    public static string MalformedYaml(string reason) => $"The file is not valid YAML: {reason}";

    public static string NoDocument() => "The file contains no YAML document. Add at least a 'contents' section.";

    public static string IncludeCycle(IEnumerable<string> chain) =>
        $"The include chain is a cycle: {string.Join(" -> ", chain)}. Remove one of these 'include' keys.";

    public static string InvalidAnnotationFormat(string argument) =>
        $"'{argument}' is not an annotation. Use KEY:VALUE, such as 'org.opencontainers.image.vendor:Acme'.";

    public static string InvalidAnnotationKey(string key) =>
        $"'{key}' is not a valid annotation key. Use lowercase letters, digits, '-' and '.'.";

    public static string EmptyAnnotationValue(string key) =>
        $"The annotation '{key}' has an empty value. Give a value after the ':'.";

    public static string DuplicateAnnotation(string key) =>
        $"The annotation '{key}' is given twice. Pass each key once.";

    private static string FixFor(string expected) => expected switch
    {
        StringKind => "Write the value on the same line as its key, and quote it if it starts with a YAML symbol.",
        ListKind => "Write one '- item' line per entry, indented below the key.",
        IntegerKind => "Write it without quotes, such as 1000, or 0o755 for an octal mode.",
        BooleanKind => "Write true or false without quotes.",
        NameContentKind => "Write each entry as '- name: NAME' followed by an indented 'content: |' block.",
        KeyKind => "Write keys as plain words.",
        _ => "Write 'key: value' lines indented below the key.",
    };

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
