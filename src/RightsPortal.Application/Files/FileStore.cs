using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RightsPortal.Application.Files;

/// <summary>Where uploaded files are kept: a folder in the data directory (never the web root) and the key file.</summary>
public sealed class FileStoreOptions
{
    /// <summary>The folder the encrypted files are written to (<c>&lt;DataDirectory&gt;/files</c> in the app).</summary>
    public string Directory { get; set; } = "";

    /// <summary>The 256-bit AES key; created on first use. Defaults to <c>file-encryption.key</c> beside the files folder.</summary>
    public string? KeyFile { get; set; }
}

/// <summary>Uploaded files, encrypted at rest. Names are random ids; the content is checked by its bytes, never its name.</summary>
public interface IFileStore
{
    /// <summary>Encrypts and writes the bytes; returns the stored name (a random id).</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken ct);

    Task<byte[]> ReadAsync(string storedName, CancellationToken ct);

    void Delete(string storedName);
}

/// <summary>What files families may send, and how their names are cleaned. One place for the rules the page states.</summary>
public static class UploadRules
{
    public const int MaxMegabytes = 10;
    public const long MaxBytes = MaxMegabytes * 1024L * 1024L;
    public const int MaxFileNameLength = 200;

    public const string WrongType = "The file must be a PDF, JPG or PNG";
    public static readonly string TooBig = $"The file must be smaller than {MaxMegabytes} MB";
    public const string Empty = "The selected file is empty";
    public const string NoFile = "Choose a file to upload";

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type from the file's first bytes (PDF, JPEG, PNG), or null for anything else whatever its name.</summary>
    public static string? SniffContentType(ReadOnlySpan<byte> content) =>
        content.StartsWith(Pdf) ? "application/pdf"
        : content.StartsWith(Png) ? "image/png"
        : content.StartsWith(Jpeg) ? "image/jpeg"
        : null;

    /// <summary>The name without any folder path or control characters, at most <see cref="MaxFileNameLength"/> characters.</summary>
    public static string CleanFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/');
        last = last[(last.LastIndexOf('/') + 1)..];
        var cleaned = new StringBuilder(last.Length);
        foreach (var ch in last)
        {
            if (!char.IsControl(ch) && ch is not ('\u2028' or '\u2029' or '\u202E' or '\u202D')) cleaned.Append(ch);
        }

        var result = cleaned.ToString().Trim().TrimStart('.');
        if (result.Length == 0) result = "file";
        return result.Length > MaxFileNameLength ? result[..MaxFileNameLength] : result;
    }
}

/// <summary>
/// AES-256-GCM per file: a random 12-byte nonce, the 16-byte tag, and the stored name as associated data (a file
/// copied over another's name does not decrypt). The key is a random 32-byte file in the data folder, outside the
/// web root, created readable by the app's user only.
/// </summary>
internal sealed class EncryptedFileStore(IOptions<FileStoreOptions> options) : IFileStore
{
    private static readonly byte[] Header = "RPF1"u8.ToArray();
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly Lock KeyLock = new();
    private byte[]? key;

    private string Folder => string.IsNullOrWhiteSpace(options.Value.Directory)
        ? throw new InvalidOperationException("The files folder is not configured (FileStoreOptions.Directory).")
        : Path.GetFullPath(options.Value.Directory);

    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var storedName = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var output = new byte[Header.Length + NonceSize + TagSize + content.Length];
        var nonce = output.AsSpan(Header.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Header.CopyTo(output, 0);
        using (var aes = new AesGcm(Key(), TagSize))
        {
            aes.Encrypt(nonce, content.Span, output.AsSpan(Header.Length + NonceSize + TagSize), output.AsSpan(Header.Length + NonceSize, TagSize),
                Encoding.ASCII.GetBytes(storedName));
        }

        await File.WriteAllBytesAsync(PathOf(folder, storedName), output, ct);
        return storedName;
    }

    public async Task<byte[]> ReadAsync(string storedName, CancellationToken ct)
    {
        var stored = await File.ReadAllBytesAsync(PathOf(Folder, storedName), ct);
        if (stored.Length < Header.Length + NonceSize + TagSize || !stored.AsSpan(0, Header.Length).SequenceEqual(Header))
        {
            throw new CryptographicException("The stored file is not in the expected format.");
        }

        var plain = new byte[stored.Length - Header.Length - NonceSize - TagSize];
        using var aes = new AesGcm(Key(), TagSize);
        aes.Decrypt(stored.AsSpan(Header.Length, NonceSize), stored.AsSpan(Header.Length + NonceSize + TagSize),
            stored.AsSpan(Header.Length + NonceSize, TagSize), plain, Encoding.ASCII.GetBytes(storedName));
        return plain;
    }

    public void Delete(string storedName)
    {
        var path = PathOf(Folder, storedName);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>Stored names are our own hex ids; anything else (a path) is refused.</summary>
    private static string PathOf(string folder, string storedName) =>
        storedName.Length is > 0 and <= 64 && storedName.All(Uri.IsHexDigit)
            ? Path.Combine(folder, storedName)
            : throw new ArgumentException("Not a stored file name.", nameof(storedName));

    private byte[] Key()
    {
        if (key is not null) return key;
        lock (KeyLock)
        {
            if (key is not null) return key;
            var path = Path.GetFullPath(options.Value.KeyFile is { Length: > 0 } configured
                ? configured
                : Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Folder)) ?? Folder, "file-encryption.key"));
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var fresh = RandomNumberGenerator.GetBytes(32);
                var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                try
                {
                    using var stream = new FileStream(path, fileOptions);
                    stream.Write(fresh);
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Another process created it first: use theirs.
                }
            }

            var read = File.ReadAllBytes(path);
            key = read.Length == 32 ? read : throw new CryptographicException("The file encryption key is not 32 bytes.");
            return key;
        }
    }
}
