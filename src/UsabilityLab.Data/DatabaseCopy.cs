using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace UsabilityLab.Data;

/// <summary>How far a copy has come: the table being copied, and rows copied of all.</summary>
public interface ICopyProgress
{
    void Table(string name, long rows);

    void Copied(long rows);
}

/// <summary>What was copied: rows per table, evidence files.</summary>
public sealed record CopyResult(IReadOnlyDictionary<string, long> Rows, int Files)
{
    public long TotalRows => Rows.Values.Sum();
}

/// <summary>
/// Copies a whole SQLite database into an empty PostgreSQL database, so a team can start on one
/// laptop and move to a server without losing its history: every table of the model, ids kept,
/// in one transaction (a copy that fails leaves the target as empty as it was), and the evidence
/// files into the server's files folder.
/// </summary>
/// <remarks>
/// Both databases are first brought to the same migration; rows are read as SQLite stores them and
/// written as the PostgreSQL column takes them (text ids become uuids, 0/1 booleans), the table
/// order following the foreign keys; identity counters continue after the highest copied id.
/// </remarks>
public static class DatabaseCopy
{
    /// <summary>How the refusal of a target that already has rows begins.</summary>
    public const string NotEmpty = "PostgreSQL-databasen er ikke tom";

    public static async Task<CopyResult> CopyAsync(string sqliteFile, string postgres, ICopyProgress? progress = null, CancellationToken cancellationToken = default)
    {
        if (LabDatabase.IsServer(sqliteFile) || !File.Exists(sqliteFile))
        {
            throw new ArgumentException($"{sqliteFile} er ikke en SQLite-fil, der findes.", nameof(sqliteFile));
        }

        if (!LabDatabase.IsServer(postgres))
        {
            throw new ArgumentException("Målet skal være en PostgreSQL-forbindelse (Host=...;Database=...).", nameof(postgres));
        }

        await using var source = await LabDatabase.OpenAsync(sqliteFile, cancellationToken);
        await using var target = await LabDatabase.OpenAsync(postgres, cancellationToken);
        var tables = InCopyOrder(target.Model);
        var from = source.Database.GetDbConnection();
        var to = (NpgsqlConnection)target.Database.GetDbConnection();
        foreach (var table in tables)
        {
            if (await ScalarAsync(to, $"SELECT EXISTS (SELECT 1 FROM \"{table.Name}\")", cancellationToken) is true)
            {
                throw new InvalidOperationException($"{NotEmpty} (tabellen {table.Name} har rækker). Kopiér kun til en ny, tom database.");
            }
        }

        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var transaction = await to.BeginTransactionAsync(cancellationToken))
        {
            foreach (var table in tables)
            {
                var count = Convert.ToInt64(await ScalarAsync(from, $"SELECT COUNT(*) FROM \"{table.Name}\"", cancellationToken), CultureInfo.InvariantCulture);
                progress?.Table(table.Name, count);
                rows[table.Name] = await CopyTableAsync(from, to, transaction, table, progress, cancellationToken);
                foreach (var identity in table.Columns.Where(c => c.Identity))
                {
                    await using var reset = new NpgsqlCommand(
                        $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', '{identity.Name}'), COALESCE((SELECT MAX(\"{identity.Name}\") FROM \"{table.Name}\"), 0) + 1, false)",
                        to,
                        transaction);
                    await reset.ExecuteScalarAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var files = CopyFiles(LabDatabase.EvidenceFolder(sqliteFile), LabDatabase.EvidenceFolder(postgres));
        return new CopyResult(rows, files);
    }

    private sealed record Column(string Name, Type ProviderType, bool Identity);

    private sealed record Table(string Name, IReadOnlyList<Column> Columns);

    /// <summary>The model's tables, each after the tables its foreign keys point to.</summary>
    private static List<Table> InCopyOrder(IModel model)
    {
        var byTable = model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .GroupBy(e => e.GetTableName()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ordered = new List<Table>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string name)
        {
            if (done.Contains(name))
            {
                return;
            }

            if (!visiting.Add(name))
            {
                throw new InvalidOperationException($"Tabellen {name} indgår i en ring af fremmednøgler; kopien kan ikke ordne den.");
            }

            var types = byTable[name];
            foreach (var principal in types.SelectMany(t => t.GetForeignKeys()).Select(k => k.PrincipalEntityType.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (principal != name)
                {
                    Visit(principal);
                }
            }

            var store = StoreObjectIdentifier.Table(name, types[0].GetSchema());
            var columns = types.SelectMany(t => t.GetProperties())
                .Select(p => (Property: p, Name: p.GetColumnName(store)))
                .Where(c => c.Name is not null)
                .DistinctBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new Column(
                    c.Name!,
                    StoredAs(c.Property),
                    c.Property.ValueGenerated == ValueGenerated.OnAdd && c.Property.IsPrimaryKey() && (c.Property.ClrType == typeof(int) || c.Property.ClrType == typeof(long))))
                .ToList();
            ordered.Add(new Table(name, columns));
            visiting.Remove(name);
            done.Add(name);
        }

        foreach (var name in byTable.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name);
        }

        return ordered;
    }

    /// <summary>The type the column holds in the database: after the property's value converter, never nullable.</summary>
    private static Type StoredAs(IProperty property)
    {
        var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static async Task<long> CopyTableAsync(DbConnection from, NpgsqlConnection to, NpgsqlTransaction transaction, Table table, ICopyProgress? progress, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        var values = string.Join(", ", table.Columns.Select((_, i) => "$" + (i + 1).ToString(CultureInfo.InvariantCulture)));
        await using var read = from.CreateCommand();

        // In the order they were written, so rows of a table that refers to itself come after the rows they point to.
        read.CommandText = $"SELECT {names} FROM \"{table.Name}\" ORDER BY rowid";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var sql = $"INSERT INTO \"{table.Name}\" ({names}) OVERRIDING SYSTEM VALUE VALUES ({values})";

        // Rows travel to the server in batches, one round trip for many rows.
        await using var batch = new NpgsqlBatch(to, transaction);
        long copied = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var insert = new NpgsqlBatchCommand(sql);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = reader.IsDBNull(i) ? DBNull.Value : AsProvider(reader.GetValue(i), table.Columns[i].ProviderType) });
            }

            batch.BatchCommands.Add(insert);
            if (batch.BatchCommands.Count == BatchRows)
            {
                copied += await FlushAsync(batch, progress, cancellationToken);
            }
        }

        copied += await FlushAsync(batch, progress, cancellationToken);
        return copied;
    }

    private const int BatchRows = 200;

    private static async Task<long> FlushAsync(NpgsqlBatch batch, ICopyProgress? progress, CancellationToken cancellationToken)
    {
        var rows = batch.BatchCommands.Count;
        if (rows == 0)
        {
            return 0;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        batch.BatchCommands.Clear();
        progress?.Copied(rows);
        return rows;
    }

    /// <summary>A value as SQLite stores it (text, integer, real, blob), as the PostgreSQL column takes it.</summary>
    private static object AsProvider(object stored, Type type) => type switch
    {
        _ when type == typeof(string) => Convert.ToString(stored, CultureInfo.InvariantCulture)!,
        _ when type == typeof(Guid) => stored is Guid guid ? guid : Guid.Parse((string)stored),
        _ when type == typeof(bool) => Convert.ToInt64(stored, CultureInfo.InvariantCulture) != 0,
        _ when type == typeof(int) => Convert.ToInt32(stored, CultureInfo.InvariantCulture),
        _ when type == typeof(long) => Convert.ToInt64(stored, CultureInfo.InvariantCulture),
        _ when type == typeof(short) => Convert.ToInt16(stored, CultureInfo.InvariantCulture),
        _ when type == typeof(double) => Convert.ToDouble(stored, CultureInfo.InvariantCulture),
        _ when type == typeof(float) => Convert.ToSingle(stored, CultureInfo.InvariantCulture),
        _ when type == typeof(decimal) => Convert.ToDecimal(stored, CultureInfo.InvariantCulture),
        _ when type == typeof(DateOnly) => DateOnly.Parse((string)stored, CultureInfo.InvariantCulture),
        _ when type == typeof(DateTime) => DateTime.SpecifyKind(DateTime.Parse((string)stored, CultureInfo.InvariantCulture), DateTimeKind.Utc),
        _ when type == typeof(byte[]) => (byte[])stored,
        _ when type.IsEnum => Convert.ToInt32(stored, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"Kolonnetypen {type.Name} kan ikke kopieres endnu."),
    };

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Evidence (session recordings included) follows the database into the server's evidence folder; a file already there is kept.</summary>
    private static int CopyFiles(string fromEvidence, string toEvidence)
    {
        if (string.Equals(fromEvidence, toEvidence, StringComparison.Ordinal) || !Directory.Exists(fromEvidence))
        {
            return 0;
        }

        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(fromEvidence, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(toEvidence, Path.GetRelativePath(fromEvidence, file));
            if (File.Exists(destination))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            copied++;
        }

        return copied;
    }
}
