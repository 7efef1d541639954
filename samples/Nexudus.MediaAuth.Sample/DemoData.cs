using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// The in-memory demo data listed in the README: two customers, their invoices and files.
/// </summary>
public sealed class DemoData
{
    public static readonly DemoCustomer Ada = new("1", "ada@example.com", "media-demo-1", "Ada Lovelace", [1001, 1002]);
    public static readonly DemoCustomer Grace = new("2", "grace@example.com", "media-demo-2", "Grace Hopper", [2001]);

    private static readonly DateTime Created = new(2026, 1, 15, 9, 30, 0, DateTimeKind.Utc);

    public IReadOnlyList<DemoCustomer> Customers { get; } = [Ada, Grace];

    public DemoCustomer? FindByCredentials(string? email, string? password) =>
        Customers.FirstOrDefault(customer =>
            string.Equals(customer.Email, email, StringComparison.OrdinalIgnoreCase)
            && password is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(customer.Password), Encoding.UTF8.GetBytes(password)));

    /// <summary>The customer a principal (bearer, cookie or media token) stands for, by its customer id claim.</summary>
    public DemoCustomer? FindSignedIn(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return Customers.FirstOrDefault(customer => customer.Id == id);
    }

    /// <summary>The customer's invoices, newest first, each rendered as a PDF by <see cref="InvoicePdf"/>.</summary>
    public IReadOnlyList<CustomerInvoice> InvoicesOf(DemoCustomer customer) =>
        [.. customer.InvoiceIds.Reverse().Select(invoiceId => new CustomerInvoice
        {
            Id = invoiceId,
            InvoiceNumber = $"INV-{invoiceId}",
            Description = "Demo Coworking - membership, one month",
            TotalAmount = 100 + (invoiceId % 100),
            CurrencyCode = "EUR",
            Paid = invoiceId % 2 == 1,
            CreatedOn = Created.AddDays(invoiceId % 100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DueDate = Created.AddDays((invoiceId % 100) + 14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        })];

    public CustomerInvoice? FindInvoice(DemoCustomer customer, int invoiceId) =>
        InvoicesOf(customer).FirstOrDefault(invoice => invoice.Id == invoiceId);

    /// <summary>The customer's files, in the shape of the documented <c>GET /api/public/files/my</c>.</summary>
    public IReadOnlyList<CustomerFile> FilesOf(DemoCustomer customer) =>
        [.. ContractsOf(customer), .. customer == Ada ? AdasMedia : []];

    /// <summary>The customer's file <paramref name="fileId"/>; another customer's and an unknown id look the same.</summary>
    public CustomerFile? FindFile(DemoCustomer customer, int fileId) => FilesOf(customer).FirstOrDefault(file => file.Id == fileId);

    private static readonly CustomerFile[] AdasMedia =
    [
        Media(SampleFiles.LargeFileId, "Grundriss Büro 2. OG.bin", "Scanned floor plans, 4 MiB"),
        Media(SampleFiles.VideoId, "Welcome tour.webm", "A short video tour of the space"),
    ];

    private static CustomerFile Media(int id, string name, string description) => new()
    {
        Id = id,
        UniqueId = $"00000000-0000-4000-8000-{id:D12}",
        Name = name,
        Description = description,
        BusinessName = "Demo Coworking",
        Signed = false,
        RequestDigitalSignature = false,
        ProposalUniqueId = null,
        CreatedOn = Created.ToString("s"),
        CreatedOnUtc = Created.ToString("s") + "Z",
        UpdatedOn = null,
        UpdatedOnUtc = null,
    };

    private static IEnumerable<CustomerFile> ContractsOf(DemoCustomer customer) =>
        customer.InvoiceIds.Select((invoiceId, index) => new CustomerFile
        {
            Id = invoiceId * 10,
            UniqueId = $"00000000-0000-4000-8000-{invoiceId:D12}",
            Name = $"Contract {invoiceId}.pdf",
            Description = $"Signed membership contract for invoice {invoiceId}",
            BusinessName = "Demo Coworking",
            Signed = index == 0,
            RequestDigitalSignature = true,
            ProposalUniqueId = null,
            CreatedOn = Created.ToString("s"),
            CreatedOnUtc = Created.ToString("s") + "Z",
            UpdatedOn = null,
            UpdatedOnUtc = null,
        });
}
