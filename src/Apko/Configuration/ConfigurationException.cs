namespace Apko.Configuration;

/// <summary>
/// The configuration could not be loaded or is invalid. <see cref="Problems"/> lists every problem found, and the
/// message has one problem per line.
/// </summary>
public sealed class ConfigurationException : ApkoException
{
    /// <summary>Creates the exception for one or more problems.</summary>
    public ConfigurationException(IReadOnlyList<ConfigurationProblem> problems, Exception? innerException = null)
        : base(CodeOf(problems), FormatMessage(problems), innerException)
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    /// <summary>Throws when <paramref name="problems"/> is not empty.</summary>
    /// <exception cref="ConfigurationException">At least one problem was collected.</exception>
    internal static void ThrowIfAny(IReadOnlyList<ConfigurationProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new ConfigurationException([.. problems]);
        }
    }

    private static string CodeOf(IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A configuration exception needs at least one problem.", nameof(problems));
        }

        return problems.Count == 1 ? problems[0].Code : ConfigurationErrorCodes.SeveralProblems;
    }

    private static string FormatMessage(IReadOnlyList<ConfigurationProblem> problems) =>
        string.Join('\n', problems.Select(problem => problem.ToString()));
}
