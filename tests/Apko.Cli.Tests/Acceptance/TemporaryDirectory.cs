namespace Apko.Cli.Tests.Acceptance;

/// <summary>A fresh directory under the system temp directory, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("apko-accept-").FullName;
    }

    public string Path { get; }

    /// <summary>Returns the full path of a name inside this directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Creates a subdirectory and returns its full path.</summary>
    public string CreateDirectory(params string[] parts) => Directory.CreateDirectory(Combine(parts)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A tool still has a file open. The system cleans its temp directory later.
        }
        catch (UnauthorizedAccessException)
        {
            // umoci's rootless unpack and podman's storage can leave read-only directories.
        }
    }
}
