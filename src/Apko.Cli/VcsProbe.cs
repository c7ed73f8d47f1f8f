using System.Diagnostics;

namespace Apko.Cli;

/// <summary>Reads the git origin URL and HEAD commit of a directory for <c>--vcs</c>, as <c>URL@COMMIT</c>.</summary>
internal static class VcsProbe
{
    /// <summary>Returns <c>origin-url@commit</c>, or null when the directory is not in a git checkout with an origin.</summary>
    public static string? Probe(string directory)
    {
        var url = Git(directory, "config", "--get", "remote.origin.url");
        var commit = Git(directory, "rev-parse", "HEAD");
        return url is null || commit is null ? null : $"{StripUserInfo(url)}@{commit}";
    }

    /// <summary>Removes <c>user:password@</c> from an http(s) URL, so a CI token in the remote never reaches the image.</summary>
    internal static string StripUserInfo(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 && uri.Scheme is "http" or "https")
        {
            return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString().TrimEnd('/');
        }

        return url;
    }

    private static string? Git(string directory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
