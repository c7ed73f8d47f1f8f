namespace Apko.Apk.Tests.Packages;

/// <summary>A fresh directory under the system temp directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("apko-apk-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>Copies a file into the directory and returns the copy's path.</summary>
    public string Copy(string source)
    {
        var target = System.IO.Path.Combine(Path, System.IO.Path.GetFileName(source));
        File.Copy(source, target);
        return target;
    }

    /// <summary>Copies a file into the directory with one byte inverted and returns the copy's path.</summary>
    public string CopyWithFlippedByte(string source, Func<long, long> offset)
    {
        var bytes = File.ReadAllBytes(source);
        var index = offset(bytes.LongLength);
        bytes[index] ^= 0xFF;
        var target = System.IO.Path.Combine(Path, System.IO.Path.GetFileName(source));
        File.WriteAllBytes(target, bytes);
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
