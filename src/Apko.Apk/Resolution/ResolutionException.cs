namespace Apko.Apk.Resolution;

/// <summary>
/// A world that cannot be resolved. The message lists each package or name in trouble and the constraints involved,
/// in the layout of apk-tools' "unable to select packages" report.
/// </summary>
public sealed class ResolutionException : ApkException
{
    /// <summary>Creates the exception with its code, message and the report block.</summary>
    public ResolutionException(string code, string message, string report)
        : base(code, message)
    {
        Report = report;
    }

    /// <summary>
    /// The report alone, as apk-tools 2.14 prints it after <c>ERROR: unable to select packages:</c>: one entry per
    /// package or name, such as <c>  d-2.0:</c> followed by <c>breaks:</c> and <c>satisfies:</c> lines.
    /// </summary>
    public string Report { get; }
}
