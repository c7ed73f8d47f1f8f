namespace Apko.Locking;

/// <summary>
/// Writes lock files byte for byte as apko does: Go's field order, two-space indentation, HTML-escaped strings and
/// a trailing newline.
/// </summary>
internal static class LockFileWriter
{
    /// <summary>Returns the lock file's bytes.</summary>
    public static byte[] Write(LockFile lockFile)
    {
        ArgumentNullException.ThrowIfNull(lockFile);
        var json = new GoIndentedJsonWriter();
        json.StartObject();
        json.Property("version", lockFile.Version);
        if (lockFile.Config is { } config && (config.Name is { Length: > 0 } || config.Checksum is { Length: > 0 }))
        {
            json.Name("config");
            WriteConfig(json, config);
        }

        json.Name("contents");
        WriteContents(json, lockFile.Contents);
        json.EndObject();
        return json.ToBytesWithNewline();
    }

    /// <summary>
    /// Writes the lock file to <paramref name="path"/> through a temporary file beside it, so a failure leaves no
    /// partial file.
    /// </summary>
    /// <exception cref="ApkoException">The file cannot be written.</exception>
    public static async Task WriteAsync(LockFile lockFile, string path, CancellationToken cancellationToken)
    {
        var bytes = Write(lockFile);
        var temporary = path + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            File.Delete(temporary);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw LockErrors.CannotWrite(path, e);
        }
    }

    // Go's omitempty drops an empty name or checksum.
    private static void WriteConfig(GoIndentedJsonWriter json, LockConfig config)
    {
        json.StartObject();
        if (config.Name is { Length: > 0 } name)
        {
            json.Property("name", name);
        }

        if (config.Checksum is { Length: > 0 } checksum)
        {
            json.Property("checksum", checksum);
        }

        json.EndObject();
    }

    private static void WriteContents(GoIndentedJsonWriter json, LockContents contents)
    {
        json.StartObject();
        json.Name("keyring");
        WriteArray(json, contents.Keyring, WriteKeyring);
        json.Name("build_repositories");
        WriteArray(json, contents.BuildRepositories, WriteRepository);
        json.Name("runtime_repositories");
        WriteArray(json, contents.RuntimeRepositories, WriteRepository);
        json.Name("repositories");
        WriteArray(json, contents.Repositories, WriteRepository);
        json.Name("packages");
        WriteArray(json, contents.Packages, WritePackage);
        json.EndObject();
    }

    private static void WriteArray<T>(
        GoIndentedJsonWriter json, IEnumerable<T> items, Action<GoIndentedJsonWriter, T> write)
    {
        json.StartArray();
        foreach (var item in items)
        {
            write(json, item);
        }

        json.EndArray();
    }

    private static void WriteKeyring(GoIndentedJsonWriter json, LockKeyring key)
    {
        json.StartObject();
        json.Property("name", key.Name);
        json.Property("url", key.Url);
        if (key.Content is { Length: > 0 } content)
        {
            json.Property("content", content);
        }

        json.EndObject();
    }

    private static void WriteRepository(GoIndentedJsonWriter json, LockRepository repository)
    {
        json.StartObject();
        json.Property("name", repository.Name);
        json.Property("url", repository.Url);
        json.Property("architecture", repository.Architecture);
        json.EndObject();
    }

    private static void WritePackage(GoIndentedJsonWriter json, LockPackage package)
    {
        json.StartObject();
        json.Property("name", package.Name);
        json.Property("url", package.Url);
        json.Property("version", package.Version);
        json.Property("architecture", package.Architecture);
        WriteSection(json, "signature", package.Signature);
        WriteSection(json, "control", package.Control);
        WriteSection(json, "data", package.Data);
        json.Property("checksum", package.Checksum);
        json.EndObject();
    }

    private static void WriteSection(GoIndentedJsonWriter json, string name, LockSection section)
    {
        json.Name(name);
        json.StartObject();
        json.Property("range", section.Range);
        json.Property("checksum", section.Checksum);
        json.EndObject();
    }
}
