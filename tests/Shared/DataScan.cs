using Microsoft.EntityFrameworkCore;
using UsabilityLab.Data;

namespace UsabilityLab.Tests.Shared;

/// <summary>
/// Looks through every cell of every table of a database (an SQLite file or PostgreSQL), and every file name and file content
/// under a folder, for a text: how the tests prove a participant's data is gone.
/// </summary>
internal static class DataScan
{
    /// <summary>"table.column" of each cell whose text contains <paramref name="needle"/>, in the database at <paramref name="location"/> (a file or a PostgreSQL connection string).</summary>
    public static async Task<List<string>> DatabaseCellsContainingAsync(string location, string needle)
    {
        var hits = new List<string>();
        await using var db = new LabDbContext(LabDatabase.Options(location));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = LabDatabase.IsServer(location)
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    var text = value switch
                    {
                        null => null,
                        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                    };
                    if (text is not null && text.Contains(needle, StringComparison.Ordinal))
                    {
                        hits.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }
        }

        return hits;
    }

    /// <summary>Files under <paramref name="folder"/> whose path or (gzip-unpacked) content contains <paramref name="needle"/>.</summary>
    public static List<string> FilesContaining(string folder, string needle)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => path.Contains(needle, StringComparison.Ordinal) || Read(path).Contains(needle, StringComparison.Ordinal))
            .ToList();

        static string Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
            {
                using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
                using var unpacked = new MemoryStream();
                gzip.CopyTo(unpacked);
                bytes = unpacked.ToArray();
            }

            return System.Text.Encoding.UTF8.GetString(bytes);
        }
    }
}
