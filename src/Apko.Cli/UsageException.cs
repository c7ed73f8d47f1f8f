namespace Apko.Cli;

/// <summary>A flag or argument value the command cannot use; exits with code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
