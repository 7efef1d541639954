namespace Nexudus.MediaAuth.Sample;

/// <summary>A customer of the demo data set, with the ids of their invoices.</summary>
public sealed record DemoCustomer(string Id, string Email, string Password, string FullName, IReadOnlyList<int> InvoiceIds);
