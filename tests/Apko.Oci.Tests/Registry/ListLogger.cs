using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Apko.Oci.Tests.Registry;

/// <summary>A logger that keeps every formatted message, at every level, for assertions.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public string Text => string.Join("\n", _messages);

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
        _messages.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
