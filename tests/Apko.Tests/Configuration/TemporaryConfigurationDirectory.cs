namespace Apko.Tests.Configuration;

/// <summary>A temporary directory of configuration files for one test, deleted on dispose.</summary>
internal sealed class TemporaryConfigurationDirectory : IDisposable
{
    public TemporaryConfigurationDirectory()
    {
        Path = Directory.CreateTempSubdirectory("apko-config-").FullName;
    }

    public string Path { get; }

    public Apko.Configuration.ConfigurationLoaderOptions Options => new() { WorkingDirectory = Path };

    /// <summary>Writes a file below the directory; the text is written as given, with its own line endings.</summary>
    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Loads a configuration file of this directory with the directory as working directory.</summary>
    public Task<Apko.Configuration.LoadedConfiguration> LoadAsync(string name = "apko.yaml") =>
        Apko.Configuration.ConfigurationLoader.LoadAsync(name, Options, TestContext.Current.CancellationToken);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
