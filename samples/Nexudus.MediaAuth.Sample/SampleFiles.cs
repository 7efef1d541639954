using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Nexudus.MediaAuth.Sample;

/// <summary>
/// The content of the customers' uploaded documents, written on first use into a folder under the temp directory,
/// never committed: each contract as a PDF, a large file (4 MiB of deterministic bytes) and a short demo video that
/// <c>ffmpeg</c> encodes (WebM, VP8, a keyframe every second, so a browser can seek it).
/// </summary>
public sealed class SampleFiles
{
    /// <summary>The id of the large file, listed for Ada.</summary>
    public const int LargeFileId = 9001;

    /// <summary>The id of the demo video, listed for Ada.</summary>
    public const int VideoId = 9002;

    /// <summary>The size of the large file: large enough that a browser fetches it over several reads.</summary>
    public const int LargeFileLength = 4 * 1024 * 1024;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "Nexudus.MediaAuth.Sample", "files");
    private readonly Lock _gate = new();

    /// <summary>The content of <paramref name="file"/>, written now if it is not there yet; <see langword="null"/> when it cannot be made.</summary>
    public SampleFile? Find(CustomerFile file, DemoCustomer owner, DemoData data)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(_folder);
            return file.Id switch
            {
                LargeFileId => Ensure("large.bin", "application/octet-stream", inline: false, WriteLargeFile),
                VideoId => Ensure("welcome-tour.webm", "video/webm", inline: true, EncodeVideo),
                _ => data.FindInvoice(owner, file.Id / 10) is { } invoice
                    ? Ensure($"contract-{file.Id}.pdf", "application/pdf", inline: true, path => File.WriteAllBytes(path, InvoicePdf.Render(invoice, owner)))
                    : null,
            };
        }
    }

    private SampleFile? Ensure(string name, string contentType, bool inline, Action<string> write)
    {
        var path = Path.Combine(_folder, name);
        if (!File.Exists(path))
        {
            // Written beside and moved into place, so a host killed half-way never serves half a file.
            var partial = path + ".partial";
            write(partial);
            if (!File.Exists(partial))
            {
                return null;
            }

            File.Move(partial, path, overwrite: true);
        }

        return new SampleFile(path, contentType, inline);
    }

    private static void WriteLargeFile(string path)
    {
        // SHA-256 of a counter: the same bytes on every machine, and none of them compressible.
        using var stream = File.Create(path);
        Span<byte> block = stackalloc byte[SHA256.HashSizeInBytes];
        for (var counter = 0; counter < LargeFileLength / block.Length; counter++)
        {
            SHA256.HashData(Encoding.ASCII.GetBytes($"Nexudus.MediaAuth sample {counter}"), block);
            stream.Write(block);
        }
    }

    private static void EncodeVideo(string path)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[]
                 {
                     "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=duration=12:size=320x240:rate=25",
                     "-c:v", "libvpx", "-b:v", "300k", "-g", "25", "-an", "-f", "webm", path,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var ffmpeg = Process.Start(start);
            if (ffmpeg is null || !ffmpeg.WaitForExit(TimeSpan.FromMinutes(2)) || ffmpeg.ExitCode != 0)
            {
                File.Delete(path);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No ffmpeg on this machine: the video is listed but answers 404.
        }
    }
}
