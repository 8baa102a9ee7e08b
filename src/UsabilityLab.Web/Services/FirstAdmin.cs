using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Services;

/// <summary>
/// On a database without accounts, makes the first admin with a random one-time password, which is
/// printed once and must be changed at the first login.
/// </summary>
public sealed class FirstAdmin
{
    public const string UserName = "admin";

    /// <summary>The password made at this start, or null when the database had accounts already.</summary>
    public string? OneTimePassword { get; private set; }

    public async Task EnsureAsync(IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in LabRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        var users = services.GetRequiredService<UserManager<LabUser>>();
        if (users.Users.Any())
        {
            return;
        }

        var password = NewPassword();
        var admin = new LabUser { UserName = UserName, DisplayName = "Administrator", MustChangePassword = true };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, LabRoles.Admin));
        OneTimePassword = password;
        await output.WriteLineAsync($"Ny database: administratoren er oprettet. Log ind som '{UserName}' med engangskoden {password}");
        await output.WriteLineAsync("Koden vises kun denne ene gang og skal skiftes ved første login.");
    }

    /// <summary>16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return RandomNumberGenerator.GetString(alphabet, 14) + RandomNumberGenerator.GetString("23456789", 2);
    }

    /// <summary>Throws with Identity's own descriptions when <paramref name="result"/> failed.</summary>
    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
