namespace Apko.Oci.Tests;

/// <summary>A fresh directory under the system temp directory, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("apko-oci-tests-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A tool still holding a file; the system cleans its temp directory.
        }
        catch (UnauthorizedAccessException)
        {
            // umoci's rootless unpack can leave read-only directories; same as above.
        }
    }
}
