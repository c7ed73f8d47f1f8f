using System.Text;
using Apko.Oci.Layers;

namespace Apko.Oci.Tests.Layers;

public sealed class Crc32Tests
{
    [Fact]
    public void Append_CheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Append(0, Encoding.ASCII.GetBytes("123456789")));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(1, 1)]
    [InlineData(7, 4093)]
    [InlineData(100_000, 1_234_567)]
    public void Combine_EqualsWholeChecksum(int lengthA, int lengthB)
    {
        var data = new byte[lengthA + lengthB];
        new Random(lengthA + lengthB).NextBytes(data);
        var crcA = Crc32.Append(0, data.AsSpan(0, lengthA));
        var crcB = Crc32.Append(0, data.AsSpan(lengthA));

        Assert.Equal(Crc32.Append(0, data), Crc32.Combine(crcA, crcB, lengthB));
    }

    [Fact]
    public void Append_InPiecesEqualsWhole()
    {
        var data = new byte[1000];
        new Random(3).NextBytes(data);

        var crc = Crc32.Append(Crc32.Append(0, data.AsSpan(0, 333)), data.AsSpan(333));

        Assert.Equal(Crc32.Append(0, data), crc);
    }
}
