namespace Apko.Cli;

/// <summary>Entry point of the <c>apko</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        _ = args;
        return 0;
    }
}
