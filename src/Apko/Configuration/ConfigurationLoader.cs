using System.Text;
using Apko.Configuration.Yaml;
using YamlDotNet.Core;

namespace Apko.Configuration;

/// <summary>
/// Loads an apko configuration file: follows <c>include</c>, reads every file strictly, validates, merges and
/// computes the config checksum. Every problem in every file is collected and thrown as one
/// <see cref="ConfigurationException"/>.
/// </summary>
public static class ConfigurationLoader
{
    private static readonly UTF8Encoding s_strictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads the configuration at <paramref name="path"/>, as written on the command line.</summary>
    /// <param name="path">
    /// The configuration file; relative paths start from the working directory, then the include paths.
    /// </param>
    /// <param name="options">The working directory and include paths.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <exception cref="ConfigurationException">
    /// A file is missing or unreadable, or the configuration is invalid.
    /// </exception>
    public static async Task<LoadedConfiguration> LoadAsync(
        string path, ConfigurationLoaderOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!Path.IsPathRooted(options.WorkingDirectory))
        {
            throw new ArgumentException("The working directory must be an absolute path.", nameof(options));
        }

        var problems = new List<ConfigurationProblem>();
        var files = await ReadIncludeChainAsync(path, options, problems, cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            ConfigurationValidator.Validate(file.Parsed, problems);
        }

        ConfigurationValidator.ValidateMerged([.. files.Select(file => file.Parsed)], problems);
        ConfigurationException.ThrowIfAny(InFileOrder(problems, files));

        var merged = files.Select(file => file.Parsed.Configuration).Reverse().Aggregate(ConfigurationMerger.Merge);
        var configuration = ConfigurationDefaults.Apply(ConfigurationMerger.TrimRepositories(merged));
        var contents = files.Select(file => file.Content).ToList();
        return new LoadedConfiguration(
            configuration,
            [.. files.Select(file => file.FullPath)],
            ConfigurationChecksum.Compute(contents, normalizeLineEndings: true),
            ConfigurationChecksum.Compute(contents, normalizeLineEndings: false));
    }

    // Problems are listed by file in load order, then by line and column, whichever check found them.
    private static List<ConfigurationProblem> InFileOrder(List<ConfigurationProblem> problems, List<LoadedFile> files)
    {
        var fileNames = files.Select(file => file.Parsed.File).ToList();
        return
        [
            .. problems
                .OrderBy(problem => problem.Location is null ? -1 : fileNames.IndexOf(problem.Location.File))
                .ThenBy(problem => problem.Location?.Line ?? 0)
                .ThenBy(problem => problem.Location?.Column ?? 0),
        ];
    }

    private static async Task<List<LoadedFile>> ReadIncludeChainAsync(
        string path,
        ConfigurationLoaderOptions options,
        List<ConfigurationProblem> problems,
        CancellationToken cancellationToken)
    {
        var files = new List<LoadedFile>();
        var fullPath = Resolve(path, null, options, out var tried);
        if (fullPath is null)
        {
            problems.Add(new ConfigurationProblem(
                ConfigurationErrorCodes.FileNotFound, null, "", ConfigurationMessages.FileNotFound(path, tried)));
            throw new ConfigurationException(problems);
        }

        var displayName = path;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = await ReadFileAsync(displayName, fullPath, problems, cancellationToken).ConfigureAwait(false);
            if (file is null)
            {
                break;
            }

            files.Add(file);
            var include = file.Parsed.Configuration.Include;
            if (include.Length == 0 || file.Parsed.IsFaulted("include"))
            {
                break;
            }

            fullPath = ResolveInclude(file, include, files, options, problems);
            if (fullPath is null)
            {
                break;
            }

            displayName = DisplayName(fullPath, options.WorkingDirectory);
        }

        return files;
    }

    private static string? ResolveInclude(
        LoadedFile including, string include, List<LoadedFile> chain, ConfigurationLoaderOptions options,
        List<ConfigurationProblem> problems)
    {
        var location = including.Parsed.LocationOf("include");
        var resolved = Resolve(include, Path.GetDirectoryName(including.FullPath), options, out var tried);
        if (resolved is null)
        {
            problems.Add(new ConfigurationProblem(
                ConfigurationErrorCodes.FileNotFound, location, "include",
                ConfigurationMessages.FileNotFound(include, tried)));
            return null;
        }

        if (chain.Any(file => file.FullPath == resolved))
        {
            var names = chain.Select(file => file.Parsed.File).Append(DisplayName(resolved, options.WorkingDirectory));
            problems.Add(new ConfigurationProblem(
                ConfigurationErrorCodes.IncludeCycle, location, "include", ConfigurationMessages.IncludeCycle(names)));
            return null;
        }

        return resolved;
    }

    /// <summary>Largest configuration or include file read; larger files are rejected before reading.</summary>
    private const long MaxFileSize = 16L << 20;

    /// <summary>
    /// Rejects directories, devices and pseudo-files (such as <c>/dev/zero</c>, which never ends) and files over
    /// <see cref="MaxFileSize"/>, before reading them.
    /// </summary>
    private static void CheckRegularFile(string path)
    {
        var info = new FileInfo(path);
        var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        if (Directory.Exists(target) || target.StartsWith("/dev/", StringComparison.Ordinal)
            || target.StartsWith("/proc/", StringComparison.Ordinal) || target.StartsWith("/sys/", StringComparison.Ordinal))
        {
            throw new IOException("it is not a regular file");
        }

        if (info.Exists && info.Length > MaxFileSize)
        {
            throw new IOException($"it is {info.Length} bytes, more than the {MaxFileSize} bytes a configuration may have");
        }
    }

    private static async Task<LoadedFile?> ReadFileAsync(
        string displayName, string fullPath, List<ConfigurationProblem> problems, CancellationToken cancellationToken)
    {
        byte[] content;
        string text;
        try
        {
            CheckRegularFile(fullPath);
            content = await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
            var bom = content.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            text = s_strictUtf8.GetString(content, bom, content.Length - bom);
        }
        catch (Exception exception)
            when (exception is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            problems.Add(new ConfigurationProblem(
                ConfigurationErrorCodes.FileNotFound, null, "",
                ConfigurationMessages.FileUnreadable(displayName, exception.Message)));
            return null;
        }

        var root = ParseYaml(displayName, text, problems);
        if (root is null)
        {
            return null;
        }

        return new LoadedFile(ConfigurationReader.Read(displayName, root, problems), fullPath, content);
    }

    private static YamlNode? ParseYaml(string displayName, string text, List<ConfigurationProblem> problems)
    {
        try
        {
            var root = YamlDocumentReader.Read(text);
            if (root is null)
            {
                problems.Add(new ConfigurationProblem(
                    ConfigurationErrorCodes.MalformedYaml, new SourceLocation(displayName, 1, 1), "",
                    ConfigurationMessages.NoDocument()));
            }

            return root;
        }
        catch (YamlException exception)
        {
            var location = new SourceLocation(displayName, (int)exception.Start.Line, (int)exception.Start.Column);
            problems.Add(new ConfigurationProblem(
                ConfigurationErrorCodes.MalformedYaml, location, "",
                ConfigurationMessages.MalformedYaml(ReasonOf(exception))));
            return null;
        }
    }

    // YamlDotNet prefixes its messages with "(Line: l, Col: c, Idx: i) - (Line: ...): "; the location is printed
    // separately.
    private static string ReasonOf(YamlException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && cut >= 0 ? message[(cut + 3)..] : message;
    }

    private static string? Resolve(
        string reference, string? includingDirectory, ConfigurationLoaderOptions options, out List<string> tried)
    {
        tried = [];
        if (reference.Contains('\0', StringComparison.Ordinal))
        {
            // A NUL character makes every path API throw, and no file can have such a name.
            tried.Add(reference.Replace("\0", "\\0", StringComparison.Ordinal));
            return null;
        }

        if (Path.IsPathRooted(reference))
        {
            tried.Add(reference);
        }
        else
        {
            tried.Add(Path.Combine(options.WorkingDirectory, reference));
            if (includingDirectory is not null)
            {
                tried.Add(Path.Combine(includingDirectory, reference));
            }

            tried.AddRange(options.IncludePaths.Select(
                directory => Path.Combine(options.WorkingDirectory, directory, reference)));
        }

        tried = [.. tried.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)];
        return tried.FirstOrDefault(File.Exists);
    }

    private static string DisplayName(string fullPath, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }

    private sealed record LoadedFile(ParsedConfiguration Parsed, string FullPath, byte[] Content);
}
