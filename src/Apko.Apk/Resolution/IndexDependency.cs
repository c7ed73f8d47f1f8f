using Apko.Apk.Versions;

namespace Apko.Apk.Resolution;

/// <summary>A parsed dependency atom of an index package and the index name it refers to.</summary>
internal readonly record struct IndexDependency(Dependency Atom, IndexName Name);
