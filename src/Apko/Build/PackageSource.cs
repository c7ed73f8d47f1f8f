using Apko.Apk;
using Apko.Apk.Indexes;
using Apko.Apk.Repositories;
using Apko.Apk.Signing;
using Microsoft.Extensions.Logging;

namespace Apko.Build;

/// <summary>
/// A key file as it goes into <c>/etc/apk/keys</c>: its base name, PEM bytes, and the keyring entry or URL it came
/// from, which a lock file records.
/// </summary>
internal sealed record KeyFile(string FileName, byte[] Content, string Source);

/// <summary>
/// Loads the keyring and the repository indexes a build resolves against. Relative local paths resolve against
/// the working directory, as apko resolves them.
/// </summary>
internal sealed class PackageSource(BuildOptions options, RepositoryFetcher fetcher)
{
    /// <summary>Loads every keyring entry (files or URLs) and returns the keyring with the key files.</summary>
    public async Task<(Keyring Keyring, IReadOnlyList<KeyFile> Files)> LoadKeyringAsync(
        IEnumerable<string> entries,
        CancellationToken cancellationToken)
    {
        var files = new List<KeyFile>();
        var keyring = Keyring.Empty;
        foreach (var entry in entries)
        {
            var content = await fetcher.GetKeyAsync(ToFetchLocation(entry), cancellationToken).ConfigureAwait(false);
            var name = KeyFileName(entry);
            keyring = keyring.WithKey(name, content);
            files.Add(new KeyFile(name, content, entry));
        }

        return (keyring, files);
    }

    /// <summary>Fetches and reads the index of every repository for one architecture, in configured order.</summary>
    public async Task<IReadOnlyList<RepositoryIndex>> LoadIndexesAsync(
        IEnumerable<string> repositories,
        string arch,
        Keyring keyring,
        CancellationToken cancellationToken)
    {
        var readOptions = new ApkIndexReadOptions
        {
            Keyring = options.IgnoreSignatures ? null : keyring,
            MaxSize = options.Limits.MaxIndexSize,
        };
        var tasks = repositories.Select(async line =>
        {
            var repository = Repository.Parse(line);
            var fetchable = repository with { Location = ToFetchLocation(repository.Location) };
            var path = await fetcher.GetIndexAsync(fetchable, arch, cancellationToken).ConfigureAwait(false);
            var index = await ReadIndexAsync(fetchable, arch, path, readOptions, cancellationToken).ConfigureAwait(false);
            options.Logger?.LogDebug(
                "Read {Count} packages for {Arch} from {Repository}", index.Packages.Count, arch, UrlRedactor.Redact(line));
            return new RepositoryIndex(fetchable, arch, index);
        }).ToArray();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a fetched index. A downloaded copy is named by its URL in messages, and one that fails to read is
    /// removed from the cache, so the next build downloads it again.
    /// </summary>
    private async Task<ApkIndex> ReadIndexAsync(
        Repository repository,
        string arch,
        string path,
        ApkIndexReadOptions readOptions,
        CancellationToken cancellationToken)
    {
        var remote = IsRemote(repository.Location);
        var source = remote
            ? UrlRedactor.Redact($"{repository.Location.TrimEnd('/')}/{arch}/{RepositoryFetcher.IndexFileName}")
            : path;
        try
        {
            return await ApkIndexReader.ReadAsync(path, readOptions, source, cancellationToken).ConfigureAwait(false);
        }
        catch (ApkException) when (remote)
        {
            await fetcher.Cache.EvictAsync(path, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Returns whether a repository location is an http or https URL.</summary>
    public static bool IsRemote(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns a local path as an absolute path; URLs are returned unchanged.</summary>
    public string ToFetchLocation(string location)
    {
        if (location.Contains("://", StringComparison.Ordinal))
        {
            return location;
        }

        return Path.GetFullPath(location, options.WorkingDirectory);
    }

    /// <summary>Returns the file name a key gets in <c>/etc/apk/keys</c>: the last path or URL segment, unescaped.</summary>
    public static string KeyFileName(string entry)
    {
        var name = entry.TrimEnd('/');
        var slash = name.LastIndexOf('/');
        name = slash >= 0 ? name[(slash + 1)..] : name;
        if (entry.Contains("://", StringComparison.Ordinal))
        {
            name = Uri.UnescapeDataString(name.Split('?')[0]);
        }

        if (name.Length == 0 || name is "." or "..")
        {
            throw new ApkoException("APKO1201", $"Keyring entry '{entry}' does not name a key file. Give a path or URL of a .rsa.pub file.");
        }

        return name;
    }
}
