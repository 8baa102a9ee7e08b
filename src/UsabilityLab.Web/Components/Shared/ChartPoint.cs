namespace UsabilityLab.Web.Components.Shared;

/// <summary>One completed audit in the findings-over-time chart.</summary>
public sealed record ChartPoint(DateTimeOffset At, int Findings, int Serious);
