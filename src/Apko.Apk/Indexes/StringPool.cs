using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Apko.Apk.Indexes;

/// <summary>
/// Reuses strings decoded from UTF-8, so the values an index repeats thousands of times (architectures, licences,
/// maintainers, dependency atoms such as <c>so:libc.musl-x86_64.so.1</c>) are mostly allocated once per read.
/// </summary>
/// <remarks>
/// The pool is a fixed table of recent strings, one per hash slot, which a new string replaces. Unlike a dictionary
/// it never grows, so the many values that occur only once (names, provides) cost no more than their own string.
/// </remarks>
internal sealed class StringPool
{
    private const int SlotCount = 8192;
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    private readonly string?[] _slots = new string?[SlotCount];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }

        ref var slot = ref _slots[Hash(utf8) & (SlotCount - 1)];
        if (slot is { } cached && Matches(utf8, cached))
        {
            return cached;
        }

        slot = Encoding.UTF8.GetString(utf8);
        return slot;
    }

    private static bool Matches(ReadOnlySpan<byte> utf8, string cached)
    {
        if (Ascii.Equals(utf8, cached))
        {
            return true;
        }

        return !Ascii.IsValid(utf8) && Encoding.UTF8.GetString(utf8) == cached;
    }

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = (ulong)bytes.Length * Multiplier;
        while (bytes.Length >= sizeof(ulong))
        {
            hash = BitOperations.RotateLeft(hash ^ MemoryMarshal.Read<ulong>(bytes), 29) * Multiplier;
            bytes = bytes[sizeof(ulong)..];
        }

        ulong tail = 0;
        foreach (var value in bytes)
        {
            tail = (tail << 8) | value;
        }

        hash = (hash ^ tail) * Multiplier;
        return (uint)(hash >> 32);
    }
}
