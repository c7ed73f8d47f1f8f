using System.Diagnostics;
using System.Text;

namespace Apko.Testing.Registry;

/// <summary>
/// A CNCF distribution registry (Debian's <c>docker-registry</c>) running on 127.0.0.1 with a free port and its
/// own storage directory, anonymous or with htpasswd Basic authentication. Dispose it to stop the process and
/// delete the directory.
/// </summary>
public sealed class DistributionRegistry : IAsyncDisposable
{
    private const int MaxStartAttempts = 5;
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _output;

    private DistributionRegistry(Process process, StringBuilder output, string directory, int port, RegistryUser? user)
    {
        _process = process;
        _output = output;
        Directory = directory;
        Port = port;
        User = user;
    }

    /// <summary>The registry host as references name it: <c>127.0.0.1:PORT</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The user that Basic authentication accepts; null for an anonymous registry.</summary>
    public RegistryUser? User { get; }

    /// <summary>Temporary directory with the config, the htpasswd file and the storage.</summary>
    public string Directory { get; }

    /// <summary>What the registry process printed so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a registry and waits until <c>/v2/</c> responds.</summary>
    /// <param name="user">User for htpasswd Basic authentication; null for anonymous access.</param>
    public static async Task<DistributionRegistry> StartAsync(RegistryUser? user = null)
    {
        var program = ExternalTool.Require("docker-registry");
        var directory = System.IO.Directory.CreateTempSubdirectory("apko-registry-").FullName;
        var htpasswd = user is null ? null : await WriteHtpasswdAsync(directory, user);
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.GetFree();
            var config = Path.Combine(directory, "config.yml");
            await File.WriteAllTextAsync(config, CreateConfig(directory, port, htpasswd));
            var output = new StringBuilder();
            var process = StartProcess(program, config, output);
            if (await WaitUntilReadyAsync(process, port))
            {
                return new DistributionRegistry(process, output, directory, port, user);
            }

            Stop(process);
            if (attempt == MaxStartAttempts)
            {
                System.IO.Directory.Delete(directory, recursive: true);
                throw new InvalidOperationException(
                    $"docker-registry did not start on 127.0.0.1 after {attempt} attempts. Output:\n{output}");
            }
        }
    }

    /// <summary>Stops the registry and deletes its directory.</summary>
    public ValueTask DisposeAsync()
    {
        Stop(_process);
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // The storage may still be in use for a moment after the kill; the temp directory is cleaned anyway.
        }

        return ValueTask.CompletedTask;
    }

    private static string CreateConfig(string directory, int port, string? htpasswd)
    {
        var config = new StringBuilder();
        config.AppendLine("version: 0.1");
        config.AppendLine("log:");
        config.AppendLine("  level: error");
        config.AppendLine("  accesslog:");
        config.AppendLine("    disabled: true");
        config.AppendLine("storage:");
        config.AppendLine("  filesystem:");
        config.AppendLine($"    rootdirectory: {Path.Combine(directory, "storage")}");
        config.AppendLine("  delete:");
        config.AppendLine("    enabled: true");
        config.AppendLine("http:");
        config.AppendLine($"  addr: 127.0.0.1:{port}");
        if (htpasswd is not null)
        {
            config.AppendLine("auth:");
            config.AppendLine("  htpasswd:");
            config.AppendLine("    realm: apko-test");
            config.AppendLine($"    path: {htpasswd}");
        }

        return config.ToString();
    }

    private static async Task<string> WriteHtpasswdAsync(string directory, RegistryUser user)
    {
        // distribution accepts only bcrypt entries (-B) in its htpasswd file.
        var result = await ExternalTool.RunAsync(
            ExternalTool.Require("htpasswd"), ["-Bbn", user.Username, user.Password]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"htpasswd failed with exit code {result.ExitCode}: {result.Stderr}");
        }

        var path = Path.Combine(directory, "htpasswd");
        await File.WriteAllTextAsync(path, result.Stdout);
        return path;
    }

    private static Process StartProcess(string program, string config, StringBuilder output)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler append = (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> WaitUntilReadyAsync(Process process, int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < s_readyTimeout)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{port}/v2/");
                if (response.Headers.Contains("Docker-Distribution-Api-Version"))
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}
