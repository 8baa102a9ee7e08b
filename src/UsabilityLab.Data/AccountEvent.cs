using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UsabilityLab.Data;

/// <summary>What was done to an account or to a participant's personal data.</summary>
public enum AccountAction
{
    Created = 0,
    Disabled = 1,
    Enabled = 2,
    Deleted = 3,
    RoleChanged = 4,
    PasswordReset = 5,
    SessionsEnded = 6,
    ParticipantExported = 7,
    ParticipantDeleted = 8,
}

/// <summary>
/// One line of the log of who did what to accounts and to participants' personal data: kept as
/// text (the account or participant may be gone), never changed, never deleted by the workbench.
/// </summary>
public sealed class AccountEvent
{
    public int Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user name of the one who did it.</summary>
    public string Actor { get; set; } = string.Empty;

    public AccountAction Action { get; set; }

    /// <summary>The account's user name, or the participant's code and study.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>What changed, e.g. "Anmelder → Leverandør (Nordlys Digital A/S)".</summary>
    public string? Detail { get; set; }

    /// <summary>The action in Danish, for the admin's page.</summary>
    public static string Danish(AccountAction action) => action switch
    {
        AccountAction.Created => "Oprettet",
        AccountAction.Disabled => "Deaktiveret",
        AccountAction.Enabled => "Aktiveret igen",
        AccountAction.Deleted => "Slettet",
        AccountAction.RoleChanged => "Rolle ændret",
        AccountAction.PasswordReset => "Ny engangskode",
        AccountAction.SessionsEnded => "Logget ud overalt",
        AccountAction.ParticipantExported => "Deltagerdata udleveret",
        AccountAction.ParticipantDeleted => "Deltager slettet",
        _ => action.ToString(),
    };
}

/// <summary>Writes the account log: one row per action, in the same unit of work as the action where there is one.</summary>
public sealed class AccountLog(LabDbContext db, TimeProvider clock)
{
    /// <summary>Adds a line and saves it.</summary>
    public async Task RecordAsync(string actor, AccountAction action, string subject, string? detail = null, CancellationToken cancellationToken = default)
    {
        db.AccountEvents.Add(new AccountEvent { At = clock.GetUtcNow(), Actor = actor, Action = action, Subject = subject, Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
    }
}

internal sealed class AccountEventConfiguration : IEntityTypeConfiguration<AccountEvent>
{
    public void Configure(EntityTypeBuilder<AccountEvent> builder)
    {
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.HasIndex(e => e.At);
    }
}
