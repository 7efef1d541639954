namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// An invoice of <c>GET /api/public/billing/invoices/my</c>, with PascalCase fields like the documented portal API.
/// </summary>
public sealed class CustomerInvoice
{
    public required int Id { get; init; }
    public required string InvoiceNumber { get; init; }
    public required string Description { get; init; }
    public required decimal TotalAmount { get; init; }
    public required string CurrencyCode { get; init; }
    public required bool Paid { get; init; }
    public required string CreatedOn { get; init; }
    public required string DueDate { get; init; }
}
