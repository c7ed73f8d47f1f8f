using System.Text;

namespace Apko.Configuration;

/// <summary>Orders strings by their UTF-8 bytes, as Go compares strings.</summary>
internal sealed class Utf8ByteComparer : IComparer<string>
{
    public static Utf8ByteComparer Instance { get; } = new();

    public int Compare(string? x, string? y) =>
        Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
}
