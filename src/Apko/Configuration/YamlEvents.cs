using System.Collections.Immutable;
using System.Globalization;
using Apko.Configuration.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Apko.Configuration;

/// <summary>Emits block-style YAML for <see cref="ImageConfigurationYaml"/>, leaving out empty values.</summary>
internal sealed class YamlEvents(IEmitter emitter)
{
    public void StartMapping() => emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));

    public void EndMapping() => emitter.Emit(new MappingEnd());

    public void Section(string key, bool present, Action writeBody)
    {
        if (!present)
        {
            return;
        }

        Key(key);
        StartMapping();
        writeBody();
        EndMapping();
    }

    public void Property(string key, string value, bool plain = false)
    {
        if (value.Length == 0)
        {
            return;
        }

        Key(key);
        emitter.Emit(plain ? PlainScalar(value) : StringScalar(value));
    }

    public void Number(string key, long? value, bool octal)
    {
        if (value is not { } number)
        {
            return;
        }

        Key(key);
        var text = octal ? YamlScalars.FormatOctal((uint)number) : number.ToString(CultureInfo.InvariantCulture);
        emitter.Emit(PlainScalar(text));
    }

    public void List(string key, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        Key(key);
        emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
        foreach (var value in values)
        {
            emitter.Emit(StringScalar(value));
        }

        emitter.Emit(new SequenceEnd());
    }

    public void Items<T>(string key, ImmutableArray<T> items, Action<T> writeItem)
    {
        if (items.IsEmpty)
        {
            return;
        }

        Key(key);
        emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
        foreach (var item in items)
        {
            StartMapping();
            writeItem(item);
            EndMapping();
        }

        emitter.Emit(new SequenceEnd());
    }

    public void Map(string key, ImmutableSortedDictionary<string, string> map) =>
        Section(key, map.Count > 0, () =>
        {
            foreach (var (name, value) in map)
            {
                emitter.Emit(StringScalar(name));
                emitter.Emit(StringScalar(value));
            }
        });

    private void Key(string key) => emitter.Emit(PlainScalar(key));

    private static Scalar PlainScalar(string value) => new(null, null, value, ScalarStyle.Plain, true, false);

    // A string that YAML would read as null, a number or a boolean is quoted so it stays a string.
    private static Scalar StringScalar(string value)
    {
        var probe = YamlNode.Scalar(Mark.Empty, value, "", ScalarStyle.Plain);
        var ambiguous = probe.IsNull
            || YamlScalars.TryGetInteger(probe, out _)
            || YamlScalars.TryGetBoolean(probe, out _)
            || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        var style = ambiguous ? ScalarStyle.DoubleQuoted : value.Contains('\n') ? ScalarStyle.Literal : ScalarStyle.Any;
        return new Scalar(null, null, value, style, true, true);
    }
}
