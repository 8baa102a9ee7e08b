using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UsabilityLab.Core.Dialogue;
using UsabilityLab.Core.Studies;

namespace UsabilityLab.Data.Configurations;

internal sealed class StudyConfiguration : IEntityTypeConfiguration<Study>
{
    public void Configure(EntityTypeBuilder<Study> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(300);
        builder.Property(s => s.ConsentText).HasMaxLength(8000);
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        builder.Ignore(s => s.RecordingsExpireOn);
        builder.HasOne(s => s.Solution).WithMany().HasForeignKey(s => s.SolutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Tasks).WithOne(t => t.Study).HasForeignKey(t => t.StudyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Participants).WithOne(p => p.Study).HasForeignKey(p => p.StudyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StudyTaskConfiguration : IEntityTypeConfiguration<StudyTask>
{
    public void Configure(EntityTypeBuilder<StudyTask> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.Instruction).HasMaxLength(4000);
        builder.Property(t => t.SuccessCriterion).HasMaxLength(2000);
        builder.Property(t => t.StartPath).HasMaxLength(2000);
        builder.HasIndex(t => new { t.StudyId, t.Order }).IsUnique();
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(10);
        builder.Property(p => p.AgeBand).HasMaxLength(50);
        builder.Property(p => p.DigitalHabits).HasMaxLength(100);
        builder.Property(p => p.ConsentText).HasMaxLength(8000);
        builder.Property(p => p.ConsentRecordedBy).HasMaxLength(200);
        builder.Ignore(p => p.HasConsented);
        builder.HasIndex(p => new { p.StudyId, p.Code }).IsUnique();
        builder.HasMany(p => p.Sessions).WithOne(s => s.Participant).HasForeignKey(s => s.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StudySessionConfiguration : IEntityTypeConfiguration<StudySession>
{
    public void Configure(EntityTypeBuilder<StudySession> builder)
    {
        builder.Property(s => s.Facilitator).HasMaxLength(200);

        // Ten small numbers: kept as "4,2,5,..." in one column.
        builder.Property(s => s.SusAnswers)
            .HasConversion(
                answers => answers == null ? null : string.Join(',', answers),
                text => text == null ? null : text.Split(',', StringSplitOptions.None).Select(int.Parse).ToList(),
                new ValueComparer<List<int>?>(
                    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
                    a => a == null ? 0 : a.Aggregate(17, (hash, x) => hash * 31 + x),
                    a => a == null ? null : a.ToList()))
            .HasMaxLength(40);
        builder.HasMany(s => s.Attempts).WithOne(a => a.Session).HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskAttemptConfiguration : IEntityTypeConfiguration<TaskAttempt>
{
    public void Configure(EntityTypeBuilder<TaskAttempt> builder)
    {
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.RecordingPath).HasMaxLength(500);
        builder.Property(a => a.TracePath).HasMaxLength(500);
        builder.Property(a => a.AbortReason).HasMaxLength(1000);
        builder.Ignore(a => a.Duration);
        builder.HasOne(a => a.StudyTask).WithMany().HasForeignKey(a => a.StudyTaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Notes).WithOne(n => n.Attempt).HasForeignKey(n => n.AttemptId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Timeline).WithOne().HasForeignKey(t => t.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionNoteConfiguration : IEntityTypeConfiguration<SessionNote>
{
    public void Configure(EntityTypeBuilder<SessionNote> builder)
    {
        builder.Property(n => n.At).HasConversion<long>();
        builder.Property(n => n.Tag).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Text).HasMaxLength(4000);
        builder.Property(n => n.Author).HasMaxLength(200);
        builder.Property(n => n.ScreenshotPath).HasMaxLength(500);
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.Property(t => t.At).HasConversion<long>();
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Text).HasMaxLength(500);
        builder.HasIndex(t => new { t.AttemptId, t.At });
    }
}

internal sealed class FindingClipConfiguration : IEntityTypeConfiguration<FindingClip>
{
    public void Configure(EntityTypeBuilder<FindingClip> builder)
    {
        builder.Property(c => c.From).HasConversion<long>();
        builder.Property(c => c.To).HasConversion<long>();
        builder.Property(c => c.Path).HasMaxLength(500);
        builder.Property(c => c.CreatedBy).HasMaxLength(200);
        builder.HasOne<TrackedFinding>().WithMany().HasForeignKey(c => c.TrackedFindingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TaskAttempt>().WithMany().HasForeignKey(c => c.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}
