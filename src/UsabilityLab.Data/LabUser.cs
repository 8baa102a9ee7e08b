using Microsoft.AspNetCore.Identity;
using UsabilityLab.Core.Audits;

namespace UsabilityLab.Data;

/// <summary>The workbench's roles, as stored by ASP.NET Core Identity.</summary>
public static class LabRoles
{
    /// <summary>A member of the review unit: audits, assesses, sends findings.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>A vendor's person: sees and answers only the own organisation's findings.</summary>
    public const string Vendor = "vendor";

    /// <summary>Runs guided sessions with test citizens; reads audits.</summary>
    public const string Facilitator = "facilitator";

    /// <summary>Manages accounts and demo data, and can do what a reviewer can.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Reviewer, Vendor, Facilitator, Admin];

    public static string Danish(string role) => role switch
    {
        Reviewer => "Anmelder",
        Vendor => "Leverandør",
        Facilitator => "Facilitator",
        Admin => "Administrator",
        _ => role,
    };
}

/// <summary>A person who logs in to the workbench. A vendor's person belongs to exactly one vendor organisation.</summary>
public sealed class LabUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The vendor organisation of a vendor's person; null for the review unit.</summary>
    public int? VendorId { get; set; }

    public Vendor? Vendor { get; set; }

    /// <summary>True for an account whose password was made by the workbench (first admin); it must be changed.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the one-time password stops working; null once the person has chosen their own.</summary>
    public DateTimeOffset? OneTimePasswordExpiresAt { get; set; }

    /// <summary>True when an admin has disabled the account: it cannot sign in, and its sessions ended when it was disabled.</summary>
    public bool Disabled { get; set; }
}
