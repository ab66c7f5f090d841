using GovGuard.Platform.Common;
using Microsoft.AspNetCore.Identity;

namespace GovGuard.Platform.Accounts;

/// <summary>Identity's error codes as field errors in both languages.</summary>
internal static class IdentityMessages
{
    public static IReadOnlyList<FieldError> ToFieldErrors(IEnumerable<IdentityError> errors, string passwordField = "password")
    {
        return errors.Select(e => e.Code switch
        {
            "PasswordTooShort" => new FieldError(passwordField, "min_length", new("密码（" + passwordField + "）至少 10 个字符。", "The password (" + passwordField + ") must be at least 10 characters.")),
            "PasswordRequiresDigit" => new FieldError(passwordField, "digit", new("密码（" + passwordField + "）须包含数字。", "The password (" + passwordField + ") must contain a digit.")),
            "PasswordRequiresLower" => new FieldError(passwordField, "lower", new("密码（" + passwordField + "）须包含小写字母。", "The password (" + passwordField + ") must contain a lower-case letter.")),
            "PasswordRequiresUpper" => new FieldError(passwordField, "upper", new("密码（" + passwordField + "）须包含大写字母。", "The password (" + passwordField + ") must contain an upper-case letter.")),
            "PasswordRequiresUniqueChars" => new FieldError(passwordField, "unique_chars", new("密码（" + passwordField + "）包含的不同字符太少。", "The password (" + passwordField + ") has too few different characters.")),
            "PasswordMismatch" => new FieldError("currentPassword", "mismatch", new("当前密码（currentPassword）不正确。", "The current password (currentPassword) is wrong.")),
            "DuplicateUserName" => new FieldError("userName", "unique", new("用户名（userName）已被使用。", "The user name (userName) is already taken.")),
            "InvalidUserName" => new FieldError("userName", "format", new("用户名（userName）只能包含字母、数字和 . _ - @。", "The user name (userName) may only contain letters, digits and . _ - @.")),
            "DuplicateEmail" => new FieldError("email", "unique", new("电子邮箱（email）已被使用。", "The e-mail (email) is already used.")),
            "InvalidEmail" => new FieldError("email", "format", new("电子邮箱（email）格式不正确。", "The e-mail (email) is not valid.")),
            _ => new FieldError(passwordField, e.Code, new(e.Description, e.Description)),
        }).ToList();
    }
}
