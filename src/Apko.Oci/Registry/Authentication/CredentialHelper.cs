using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Apko.Oci.Registry.Authentication;

/// <summary>
/// Runs a Docker credential helper (<c>docker-credential-NAME get|store</c>), which reads the server URL (get) or
/// a JSON credential (store) on stdin and writes a JSON credential (get) on stdout.
/// </summary>
internal static class CredentialHelper
{
    private const int MaxReasonLength = 200;

    /// <summary>Returns the helper's credentials for a server, or null when it has none.</summary>
    /// <exception cref="OciException">The helper could not run or failed (APKO5007).</exception>
    public static async Task<RegistryCredential?> GetAsync(
        string program,
        string serverUrl,
        string registry,
        CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr) = await RunAsync(program, "get", serverUrl, registry, cancellationToken)
            .ConfigureAwait(false);
        if (exitCode != 0)
        {
            // docker-credential-helpers print this text when they hold nothing for the server.
            if (stdout.Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            throw Failed(program, registry, $"it exited with code {exitCode}{FirstLine(stderr)}");
        }

        return ReadCredential(program, registry, stdout);
    }

    /// <summary>Stores credentials for a server with the helper.</summary>
    /// <exception cref="OciException">The helper could not run or failed (APKO5007).</exception>
    public static async Task StoreAsync(
        string program,
        string serverUrl,
        RegistryCredential credential,
        CancellationToken cancellationToken)
    {
        var username = credential.IdentityToken is null ? credential.Username : "<token>";
        var secret = credential.IdentityToken ?? credential.Password;
        var input = JsonSerializer.Serialize(
            new Dictionary<string, string?> { ["ServerURL"] = serverUrl, ["Username"] = username, ["Secret"] = secret },
            RegistryJsonContext.Default.DictionaryStringString);
        var (exitCode, _, stderr) = await RunAsync(program, "store", input, serverUrl, cancellationToken)
            .ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw Failed(program, serverUrl, $"it exited with code {exitCode}{FirstLine(stderr)}");
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string program,
        string verb,
        string input,
        string registry,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(verb);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw Failed(program, registry, "it could not be started");
        }
        catch (Win32Exception exception)
        {
            throw Failed(program, registry, $"it could not be started ({exception.Message})", exception);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper exited without reading its input; its exit code and output tell what happened.
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    private static RegistryCredential ReadCredential(string program, string registry, string stdout)
    {
        Dictionary<string, string?>? fields;
        try
        {
            fields = JsonSerializer.Deserialize(stdout, RegistryJsonContext.Default.DictionaryStringString);
        }
        catch (JsonException)
        {
            // The parser's message would quote the output, which contains the secret.
            throw Failed(program, registry, "its output is not a JSON object with 'Username' and 'Secret'");
        }

        var username = fields?.GetValueOrDefault("Username");
        var secret = fields?.GetValueOrDefault("Secret");
        if (string.IsNullOrEmpty(secret))
        {
            throw Failed(program, registry, "its output has no 'Secret'");
        }

        // Helpers return an identity token with the user name "<token>", as 'docker login' stores it.
        return username == "<token>"
            ? new RegistryCredential { IdentityToken = secret }
            : new RegistryCredential { Username = username, Password = secret };
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault();
        if (line is null)
        {
            return "";
        }

        return ": " + (line.Length > MaxReasonLength ? line[..MaxReasonLength] + "…" : line);
    }

    private static OciException Failed(string program, string registry, string reason, Exception? inner = null) =>
        new(RegistryErrors.CredentialHelperFailedCode,
            RegistryErrors.CredentialHelperFailed(program, registry, reason), inner);
}
