using System.Globalization;
using BenchmarkDotNet.Running;

namespace Apko.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, for example <c>--filter '*Index*'</c>, or writes the large test
/// repository with <c>large-repository DIRECTORY MIB</c>.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "large-repository")
        {
            await LargeRepository.WriteAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
