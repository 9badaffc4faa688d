namespace CommandCenter.Grains.Accounts;

/// <summary>
/// What a password must be before the center keeps it: long enough to resist guessing at the sign-in limit's pace,
/// letters and digits both, not the account's own name, not one of the passwords every list of leaked ones starts with.
/// </summary>
public static class PasswordRule
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password123", "password1234", "qwerty123456", "1q2w3e4r5t", "abc1234567", "a1234567890", "qwertyuiop1", "iloveyou123",
        "admin12345", "admin123456", "woaini1314", "aa123456789", "zxcvbnm123", "1qaz2wsx3edc", "p@ssw0rd123", "abcd123456",
    };

    /// <summary>Null when the password may be kept, else what is wrong with it in words a person can act on.</summary>
    public static string? Problem(string? password, string username)
    {
        if (string.IsNullOrEmpty(password)) return "Give a password.";
        if (password.Length < MinLength) return $"A password needs at least {MinLength} characters.";
        if (password.Length > MaxLength) return $"A password has at most {MaxLength} characters.";
        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit)) return "A password needs both letters and digits.";
        if (password.Distinct().Count() < 4) return "A password needs more different characters.";
        if (username.Length >= 3 && password.Contains(username, StringComparison.OrdinalIgnoreCase)) return "A password must not contain the username.";
        if (Common.Contains(password)) return "This password is on every list of leaked passwords; choose another.";
        return null;
    }
}
