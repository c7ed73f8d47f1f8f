using System.Globalization;
using BenchmarkDotNet.Running;

namespace Apko.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, for example <c>--filter '*Index*'</c>, writes the large test
/// repository with <c>large-repository DIRECTORY MIB</c>, or pushes a layout with <c>push-layout LAYOUT REFERENCE</c>.
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

        if (args.Length == 3 && args[0] == "push-layout")
        {
            await PushLayout.RunAsync(args[1], args[2]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
