namespace Nexudus.MediaAuth.Sample;

/// <summary>A file object of <c>GET /api/public/files/my</c>, with the documented PascalCase fields.</summary>
public sealed class CustomerFile
{
    public required int Id { get; init; }
    public required string UniqueId { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string BusinessName { get; init; }
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Documented wire field name.")]
    public required bool Signed { get; init; }
    public required bool RequestDigitalSignature { get; init; }
    public required string? ProposalUniqueId { get; init; }
    public required string CreatedOn { get; init; }
    public required string CreatedOnUtc { get; init; }
    public required string? UpdatedOn { get; init; }
    public required string? UpdatedOnUtc { get; init; }
}
