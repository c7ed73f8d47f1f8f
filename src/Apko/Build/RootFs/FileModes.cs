namespace Apko.Build.RootFs;

/// <summary>Octal permission values, spelled as octal so they read like <c>chmod</c> arguments.</summary>
internal static class FileModes
{
    public static UnixFileMode Octal(int value) => (UnixFileMode)Convert.ToInt32(value.ToString(System.Globalization.CultureInfo.InvariantCulture), 8);

    public static readonly UnixFileMode Directory = Octal(755);
    public static readonly UnixFileMode File = Octal(644);
    public static readonly UnixFileMode Executable = Octal(755);
    public static readonly UnixFileMode ReadOnly = Octal(444);
}
