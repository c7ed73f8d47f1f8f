namespace Apko.Oci.Layers;

/// <summary>
/// The CRC-32 of gzip (RFC 1952; reflected polynomial 0xEDB88320), with <see cref="Combine"/> to join the checksums
/// of consecutive chunks computed in parallel.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    private static readonly uint[] s_powers = CreatePowers();

    /// <summary>Continues a checksum over more bytes; start with 0.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var next = System.IO.Hashing.Crc32.HashToUInt32(data);
        return crc == 0 ? next : Combine(crc, next, data.Length);
    }

    /// <summary>Returns the checksum of A followed by B from the checksum of A, the checksum of B and B's
    /// length.</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB)
    {
        // CRC(A·B) = CRC(A)·x^(8·len(B)) mod P, xor CRC(B); the power is built from the table of x^(2^k).
        var power = 1u << 31;
        var k = 3;
        for (var n = lengthB; n != 0; n >>= 1, k++)
        {
            if ((n & 1) != 0)
            {
                power = Multiply(s_powers[k & 31], power);
            }
        }

        return Multiply(power, crcA) ^ crcB;
    }

    /// <summary>Multiplies two polynomials modulo P in the reflected bit order (bit 31 is x^0).</summary>
    private static uint Multiply(uint a, uint b)
    {
        uint product = 0;
        for (var bit = 31; bit >= 0; bit--)
        {
            if ((a & (1u << bit)) != 0)
            {
                product ^= b;
            }

            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }

        return product;
    }

    private static uint[] CreatePowers()
    {
        var powers = new uint[32];
        powers[0] = 1u << 30;
        for (var k = 1; k < powers.Length; k++)
        {
            powers[k] = Multiply(powers[k - 1], powers[k - 1]);
        }

        return powers;
    }
}
