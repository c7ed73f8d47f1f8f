using Microsoft.Extensions.Logging;

namespace Apko.Apk.Tests.Repositories;

/// <summary>An <see cref="ILogger"/> that keeps every formatted message and exception text, at every level.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly Lock _lock = new();
    private readonly List<(LogLevel Level, string Text)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>All messages and exception texts joined, for searching.</summary>
    public string AllText => string.Join('\n', Entries.Select(e => e.Text));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception) + (exception is null ? "" : "\n" + exception);
        lock (_lock)
        {
            _entries.Add((logLevel, text));
        }
    }
}
