using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Apko.Oci.Registry.Authentication;

/// <summary>Writes logins into a Docker config file, as <c>apko login</c> and <c>docker login</c> do.</summary>
public static class DockerConfigFile
{
    /// <summary>
    /// Stores credentials for a registry: with the registry's credential helper when the file names one
    /// (<c>credHelpers</c> or <c>credsStore</c>), otherwise as the base64 <c>auth</c> of its <c>auths</c> entry.
    /// Other keys of the file are kept. The file is replaced atomically and is readable by its owner only.
    /// </summary>
    /// <param name="options">Config file path and helper directory.</param>
    /// <param name="registry">Registry host, such as <c>ghcr.io</c> or <c>docker.io</c>.</param>
    /// <param name="credential">A user name with a password or an identity token.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="OciException">The file is invalid (APKO5008), the helper failed (APKO5007), or the file
    /// could not be written (APKO5011).</exception>
    public static async Task WriteLoginAsync(
        DockerConfigOptions options,
        string registry,
        RegistryCredential credential,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        var document = await DockerConfigDocument.ReadAsync(options.ConfigPath, cancellationToken)
            .ConfigureAwait(false);
        var key = DockerConfigDocument.ServerKey(registry);
        var auths = document.Root["auths"] as JsonObject ?? [];
        document.Root["auths"] = auths;
        if (document.FindHelper(registry) is { } helper)
        {
            await CredentialHelper.StoreAsync(
                DockerConfigCredentialProvider.HelperProgram(options, helper), key, credential, cancellationToken)
                .ConfigureAwait(false);
            auths[key] = new JsonObject();
        }
        else
        {
            auths[key] = CreateEntry(credential);
        }

        await WriteAtomicallyAsync(options.ConfigPath, document.Root, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject CreateEntry(RegistryCredential credential)
    {
        var entry = new JsonObject();
        if (credential.Username is not null && credential.Password is not null)
        {
            var pair = Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}");
            entry["auth"] = Convert.ToBase64String(pair);
        }

        if (credential.IdentityToken is not null)
        {
            entry["identitytoken"] = credential.IdentityToken;
        }

        return entry;
    }

    private static async Task WriteAtomicallyAsync(string path, JsonObject root, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            File.Delete(temporary);
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using (var stream = new FileStream(temporary, options))
            {
                await using var writer = new Utf8JsonWriter(stream,
                    new JsonWriterOptions { Indented = true, IndentCharacter = '\t', IndentSize = 1 });
                root.WriteTo(writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw new OciException(
                RegistryErrors.DockerConfigWriteFailedCode,
                RegistryErrors.DockerConfigWriteFailed(path, exception.Message),
                exception);
        }
    }
}
