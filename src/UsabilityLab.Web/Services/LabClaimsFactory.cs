using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Services;

/// <summary>Puts the person's display name and vendor organisation into the login cookie.</summary>
public sealed class LabClaimsFactory(UserManager<LabUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<LabUser, IdentityRole>(users, roles, options)
{
    public const string VendorClaim = "usabilitylab:vendor";

    public const string DisplayNameClaim = "usabilitylab:name";

    public const string MustChangePasswordClaim = "usabilitylab:must-change-password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LabUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? string.Empty : user.DisplayName));
        if (user.VendorId is { } vendor)
        {
            identity.AddClaim(new Claim(VendorClaim, vendor.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
