namespace Apko.Sbom;

/// <summary>An SPDX relationship between two elements.</summary>
/// <param name="SpdxElementId">The subject.</param>
/// <param name="RelationshipType">Type, such as <c>CONTAINS</c>.</param>
/// <param name="RelatedSpdxElement">The object.</param>
internal sealed record SpdxRelationship(string SpdxElementId, string RelationshipType, string RelatedSpdxElement);
