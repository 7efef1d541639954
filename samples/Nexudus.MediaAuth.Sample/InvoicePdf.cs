using System.Globalization;
using System.Text;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// Renders a one-page invoice as a real PDF (PDF 1.4, Helvetica), so a browser opens what the endpoint serves.
/// </summary>
public static class InvoicePdf
{
    public static byte[] Render(CustomerInvoice invoice, DemoCustomer customer)
    {
        var lines = new[]
        {
            $"Invoice {invoice.Id}",
            $"Customer: {customer.FullName} ({customer.Email})",
            invoice.Description,
            string.Create(CultureInfo.InvariantCulture, $"Amount due: {invoice.CurrencyCode} {invoice.TotalAmount:0.00}"),
        };

        var content = new StringBuilder("BT /F1 20 Tf 72 770 Td 26 TL");
        foreach (var line in lines)
        {
            content.Append(CultureInfo.InvariantCulture, $" ({Escape(line)}) Tj T*");
        }

        content.Append(" ET");
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("(", "\\(", StringComparison.Ordinal)
            .Replace(")", "\\)", StringComparison.Ordinal);
}
