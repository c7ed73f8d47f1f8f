using Apko.Apk;
using Apko.Apk.Indexes;
using Microsoft.Extensions.Logging;

namespace Apko.Build;

/// <summary>
/// Installs the signing keys of the repositories that a machine's apk uses, as <c>apko install-keys</c> does: the
/// repositories come from <c>ROOT/etc/apk/repositories</c>, and the keys are discovered as a build without a
/// keyring discovers them, then written to <c>ROOT/etc/apk/keys</c>.
/// </summary>
public static class HostKeyInstaller
{
    /// <summary>Discovers and writes the keys, and returns the paths written.</summary>
    /// <param name="root">The file system root, <c>/</c> for the machine itself.</param>
    /// <param name="options">Cache, network and architecture settings; the configuration fields are not used.</param>
    /// <param name="httpClient">The client for the downloads.</param>
    /// <param name="cancellationToken">Cancels the downloads.</param>
    /// <exception cref="ApkoException">The repositories file cannot be read or a key cannot be written.</exception>
    /// <exception cref="ApkException">A discovered key cannot be downloaded.</exception>
    public static async Task<IReadOnlyList<string>> InstallAsync(
        string root,
        BuildOptions options,
        HttpClient httpClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var repositoriesFile = Path.Combine(root, "etc", "apk", "repositories");
        var repositories = await ReadRepositoriesAsync(repositoriesFile, cancellationToken).ConfigureAwait(false);
        var fetcher = ImageBuilder.CreateFetcher(options, httpClient);
        var keys = await new KeyDiscovery(options, fetcher)
            .DiscoverAsync(repositories, [options.HostArchitecture], cancellationToken)
            .ConfigureAwait(false);
        var directory = Path.Combine(root, "etc", "apk", "keys");
        var written = new List<string>();
        foreach (var key in keys)
        {
            written.Add(await WriteKeyAsync(directory, key, cancellationToken).ConfigureAwait(false));
        }

        options.Logger?.LogInformation("Installed {Count} keys into {Directory}", written.Count, directory);
        return written;
    }

    /// <summary>Reads the repository lines, skipping blank lines and <c>#</c> comments.</summary>
    private static async Task<List<string>> ReadRepositoriesAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
            return [.. lines.Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ApkoException(
                "APKO1220",
                $"Cannot read the repositories file '{path}': {exception.Message} install-keys reads the "
                + "repositories apk uses from it.",
                exception);
        }
    }

    private static async Task<string> WriteKeyAsync(string directory, KeyFile key, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, key.FileName);
        var temporary = Path.Combine(directory, $".{key.FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(temporary, key.Content, cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(
                    temporary,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw new ApkoException(
                "APKO1221",
                $"Cannot write the key '{path}': {exception.Message} Run install-keys as a user who may write there.",
                exception);
        }
    }
}
