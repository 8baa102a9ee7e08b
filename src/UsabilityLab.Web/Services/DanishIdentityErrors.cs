using Microsoft.AspNetCore.Identity;

namespace UsabilityLab.Web.Services;

/// <summary>Identity's messages in Danish, for the ones a person meets when making an account or a password.</summary>
public sealed class DanishIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Adgangskoden skal have mindst {length} tegn." };

    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Adgangskoden skal indeholde mindst ét tal." };

    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Adgangskoden skal indeholde mindst ét lille bogstav." };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Den nuværende adgangskode er forkert." };

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Brugernavnet „{userName}“ er allerede i brug." };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"Brugernavnet „{userName}“ må kun indeholde bogstaverne a-z, tal og - . _ @" };
}
