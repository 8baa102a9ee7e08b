using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UsabilityLab.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks, which SQLite sorts and compares correctly.</summary>
public sealed class DateTimeOffsetToUtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
