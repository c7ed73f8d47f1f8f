using System.Text.Json;

namespace Apko.Locking;

/// <summary>
/// One JSON object of a lock file being read, with its location (such as <c>contents.packages[2]</c>) for
/// messages. Members are checked strictly: a duplicate or unknown name, or a value of the wrong type, is an error.
/// </summary>
internal sealed class LockJsonObject
{
    private readonly Dictionary<string, JsonElement> _members = new(StringComparer.Ordinal);

    private LockJsonObject(string file, string location, string? label)
    {
        File = file;
        Location = location;
        Label = label;
    }

    public string File { get; }

    public string Location { get; }

    /// <summary>The name of the entry this object belongs to, such as <c>'replayout'</c>, or null.</summary>
    public string? Label { get; }

    /// <summary>Wraps <paramref name="element"/>, which must be an object with only the allowed member names.</summary>
    public static LockJsonObject Create(
        JsonElement element, string file, string location, string[] allowed, string? label = null)
    {
        var result = new LockJsonObject(file, location, label);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw LockErrors.Malformed(file, result.Where(""), $"expected an object, found {Describe(element)}.");
        }

        foreach (var member in element.EnumerateObject())
        {
            if (!allowed.Contains(member.Name, StringComparer.Ordinal))
            {
                throw result.Error(member.Name, $"'{member.Name}' is not a lock file field; expected one of "
                    + $"{string.Join(", ", allowed.Select(a => $"'{a}'"))}.");
            }

            if (!result._members.TryAdd(member.Name, member.Value))
            {
                throw result.Error(member.Name, "the field appears more than once.");
            }
        }

        return result;
    }

    public bool Has(string name) => _members.ContainsKey(name);

    public string Path(string name) => Location.Length == 0 ? name : $"{Location}.{name}";

    public ApkoException Error(string name, string problem) => LockErrors.Malformed(File, Where(name), problem);

    /// <summary>Returns the location of a member for messages, with the entry's name when it has one.</summary>
    public string Where(string name)
    {
        var path = name.Length == 0 ? Location : Path(name);
        path = path.Length == 0 ? "the top level" : path;
        return Label is null ? path : $"{path} ({Label})";
    }

    /// <summary>Returns a string member that must be present and not empty.</summary>
    public string RequiredString(string name)
    {
        var value = OptionalString(name) ?? throw Error(name, "the field is missing.");
        return value.Length > 0 ? value : throw Error(name, "the value is empty.");
    }

    /// <summary>Returns a string member, or null when it is absent.</summary>
    public string? OptionalString(string name)
    {
        if (!_members.TryGetValue(name, out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw Error(name, $"expected a string, found {Describe(element)}.");
    }

    /// <summary>Returns an object member that must be present.</summary>
    public LockJsonObject RequiredObject(string name, params string[] allowed)
    {
        var element = _members.TryGetValue(name, out var value) ? value : throw Error(name, "the field is missing.");
        return Create(element, File, Path(name), allowed, Label);
    }

    /// <summary>Returns an object member, or null when it is absent.</summary>
    public LockJsonObject? OptionalObject(string name, params string[] allowed) =>
        _members.TryGetValue(name, out var element) ? Create(element, File, Path(name), allowed, Label) : null;

    /// <summary>
    /// Returns the elements of an array member. A null member is an empty list, and so is an absent one unless
    /// <paramref name="required"/>.
    /// </summary>
    public IReadOnlyList<JsonElement> Array(string name, bool required)
    {
        if (!_members.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required && !_members.ContainsKey(name) ? throw Error(name, "the field is missing.") : [];
        }

        return element.ValueKind == JsonValueKind.Array
            ? [.. element.EnumerateArray()]
            : throw Error(name, $"expected an array, found {Describe(element)}.");
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{element.GetRawText()}",
        _ => "null",
    };
}
