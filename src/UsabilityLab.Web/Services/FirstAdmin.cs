using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Services;

/// <summary>
/// On a database without accounts, makes the first admin with a random one-time password, which is
/// printed once, expires like every one-time password and must be changed at the first login. When
/// no admin can sign in any more (every one-time password expired unused), a start gives the first
/// such admin a new one on the server's console: who starts the server holds the database anyway.
/// </summary>
public sealed class FirstAdmin(TimeProvider clock, IOptions<WorkbenchOptions> options)
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
        var expiresAt = clock.GetUtcNow() + options.Value.SignIn.OneTimePasswordLifetime;
        if (users.Users.Any())
        {
            await RenewAsync(users, expiresAt, output);
            return;
        }

        var password = NewPassword();
        var admin = new LabUser { UserName = UserName, DisplayName = "Administrator", MustChangePassword = true, OneTimePasswordExpiresAt = expiresAt };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, LabRoles.Admin));
        OneTimePassword = password;
        await output.WriteLineAsync($"Ny database: administratoren er oprettet. Log ind som '{UserName}' med engangskoden {password}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Koden vises kun denne ene gang, virker til {expiresAt.ToLocalTime():yyyy-MM-dd HH:mm} og skal skiftes ved første login."));
    }

    /// <summary>A new one-time password for an admin when no enabled admin can sign in because every one's expired unused.</summary>
    private async Task RenewAsync(UserManager<LabUser> users, DateTimeOffset expiresAt, TextWriter output)
    {
        var admins = (await users.GetUsersInRoleAsync(LabRoles.Admin)).Where(u => !u.Disabled).OrderBy(u => u.UserName != UserName).ThenBy(u => u.UserName, StringComparer.Ordinal).ToList();
        if (admins.Count == 0 || admins.Any(u => !u.MustChangePassword || u.OneTimePasswordExpiresAt is not { } expires || expires > clock.GetUtcNow()))
        {
            return;
        }

        var admin = admins[0];
        var password = NewPassword();
        Check(await users.RemovePasswordAsync(admin));
        Check(await users.AddPasswordAsync(admin, password));
        admin.OneTimePasswordExpiresAt = expiresAt;
        Check(await users.UpdateAsync(admin));
        Check(await users.UpdateSecurityStampAsync(admin));
        OneTimePassword = password;
        await output.WriteLineAsync($"Ingen administrator kan logge ind: engangskoden udløb, før den blev brugt. Log ind som '{admin.UserName}' med den nye engangskode {password}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Koden virker til {expiresAt.ToLocalTime():yyyy-MM-dd HH:mm} og skal skiftes ved første login."));
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
