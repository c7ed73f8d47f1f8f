using System.Text.Json;
using Apko.Apk.Versions;

namespace Apko.Locking;

/// <summary>
/// Reads lock files strictly: every field has the type apko writes, package entries have every field including
/// the checksum that apko 0.13 added, versions are valid and byte ranges follow each other. Each problem is one
/// <see cref="ApkoException"/> naming the file and the entry.
/// </summary>
internal static class LockFileReader
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    /// <summary>Reads and checks the lock file at <paramref name="path"/>.</summary>
    /// <exception cref="ApkoException">The file cannot be read or is not a valid lock file.</exception>
    public static async Task<LockFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LockErrors.CannotRead(path, e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses and checks lock file bytes; <paramref name="file"/> names the file in messages.</summary>
    /// <exception cref="ApkoException">The bytes are not a valid lock file.</exception>
    public static LockFile Parse(ReadOnlyMemory<byte> bytes, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, s_options);
        }
        catch (JsonException e)
        {
            throw LockErrors.NotJson(
                file, $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {WithoutPosition(e.Message)}", e);
        }

        using (document)
        {
            var root = LockJsonObject.Create(document.RootElement, file, "", ["version", "config", "contents"]);
            var version = root.RequiredString("version");
            if (version != LockFile.CurrentVersion)
            {
                throw LockErrors.UnsupportedVersion(file, version);
            }

            var config = root.OptionalObject("config", "name", "checksum") is { } c
                ? new LockConfig(c.OptionalString("name"), c.OptionalString("checksum"))
                : null;
            return new LockFile(version, config, ReadContents(root));
        }
    }

    private static LockContents ReadContents(LockJsonObject root)
    {
        var contents = root.RequiredObject(
            "contents", "keyring", "build_repositories", "runtime_repositories", "repositories", "packages");
        return new LockContents(
            ReadList(contents, "keyring", required: true, ReadKeyring),
            ReadList(contents, "build_repositories", required: false, ReadRepository),
            ReadList(contents, "runtime_repositories", required: false, ReadRepository),
            ReadList(contents, "repositories", required: true, ReadRepository),
            ReadList(contents, "packages", required: true, ReadPackage));
    }

    private static List<T> ReadList<T>(
        LockJsonObject parent, string name, bool required, Func<LockJsonObject, T> read)
    {
        var elements = parent.Array(name, required);
        var fields = FieldsOf(name);
        return [.. elements.Select((element, i) =>
            read(LockJsonObject.Create(element, parent.File, $"{parent.Path(name)}[{i}]", fields, Label(element))))];
    }

    // Messages name an entry by its index and, when it has one, its name: contents.packages[1] ('replayout').
    private static string? Label(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("name", out var name)
        && name.ValueKind == JsonValueKind.String
            ? $"'{name.GetString()}'"
            : null;

    private static string[] FieldsOf(string list) => list switch
    {
        "keyring" => ["name", "url", "content"],
        "packages" => ["name", "url", "version", "architecture", "signature", "control", "data", "checksum"],
        _ => ["name", "url", "architecture"],
    };

    private static LockKeyring ReadKeyring(LockJsonObject key) =>
        new(key.RequiredString("name"), key.RequiredString("url"), key.OptionalString("content"));

    private static LockRepository ReadRepository(LockJsonObject repository) => new(
        repository.RequiredString("name"), repository.RequiredString("url"), repository.RequiredString("architecture"));

    private static LockPackage ReadPackage(LockJsonObject entry)
    {
        if (!entry.Has("checksum"))
        {
            throw LockErrors.PreChecksumLock(entry.File, entry.Where(""));
        }

        var name = entry.RequiredString("name");
        var version = entry.RequiredString("version");
        if (!ApkVersion.IsValid(version))
        {
            throw entry.Error("version", $"'{version}' is not a valid package version.");
        }

        var package = new LockPackage(
            name,
            entry.RequiredString("url"),
            version,
            entry.RequiredString("architecture"),
            ReadSection(entry, "signature", "sha1-", required: false),
            ReadSection(entry, "control", "sha1-", required: true),
            ReadSection(entry, "data", "sha256-", required: true),
            entry.RequiredString("checksum"));
        LockRanges.Check(entry, package);
        return package;
    }

    private static LockSection ReadSection(LockJsonObject entry, string name, string prefix, bool required)
    {
        var section = entry.RequiredObject(name, "range", "checksum");
        var range = section.OptionalString("range") ?? throw section.Error("range", "the field is missing.");
        var checksum = section.OptionalString("checksum") ?? throw section.Error("checksum", "the field is missing.");
        if (!required && range.Length == 0 && checksum.Length == 0)
        {
            return LockSection.Empty;
        }

        if (range.Length == 0)
        {
            throw section.Error("range", "the value is empty.");
        }

        var size = prefix == "sha1-" ? 20 : 32;
        if (!LockDigest.TryDecode(checksum, prefix, size, out _))
        {
            throw section.Error(
                "checksum", $"'{checksum}' is not '{prefix}' followed by the base64 of a {size}-byte digest.");
        }

        return new LockSection(range, checksum);
    }

    /// <summary>
    /// Removes the zero-based position System.Text.Json appends to its messages, such as
    /// <c> Path: $ | LineNumber: 1 | BytePositionInLine: 0.</c>, since the message already gives it one-based.
    /// </summary>
    private static string WithoutPosition(string message)
    {
        foreach (var marker in (string[])[" Path: ", " LineNumber: "])
        {
            var index = message.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0)
            {
                message = message[..index];
            }
        }

        return message;
    }
}
