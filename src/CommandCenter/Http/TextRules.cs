using System.Globalization;
using System.Text;

namespace CommandCenter.Http;

/// <summary>
/// What text the center keeps. Whatever is stored must render in every view (JSON, XML, CSV, the
/// pages), so text with a lone surrogate, a control character (other than tab and line breaks) or a
/// non-character is refused at the edge, and each field has a length limit (<see cref="TextLimits"/>).
/// </summary>
public static class TextRules
{
    /// <summary>What is wrong with the text, or null when it may be kept.</summary>
    public static string? Problem(string text, int maxLength)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return $"holds a broken character (a lone surrogate) at position {i}.";
            if (!IsKept(c)) return string.Create(CultureInfo.InvariantCulture, $"holds the control character U+{(int)c:X4} at position {i}; only tab and line breaks are kept.");
        }
        var length = new StringInfo(text).LengthInTextElements;
        return text.Length > maxLength && length > maxLength ? $"is {length:N0} characters long; at most {maxLength:N0}." : null;
    }

    /// <summary>Tab, line feed and carriage return are text; other C0 and C1 controls, DEL and U+FFFE/U+FFFF are not (XML 1.0 refuses most of them).</summary>
    public static bool IsKept(char c) => c switch
    {
        '\t' or '\n' or '\r' => true,
        < ' ' => false,
        >= '\u007f' and <= '\u009f' => false,
        '\ufffe' or '\uffff' => false,
        _ => true,
    };

    /// <summary>
    /// The text with anything a view cannot carry replaced by U+FFFD: for values stored before these rules,
    /// so that no stored value can break a view.
    /// </summary>
    public static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var bad = !pair && (char.IsSurrogate(c) || !IsKept(c));
            if (bad && clean is null) clean = new StringBuilder(text, 0, i, text.Length);
            if (clean is not null)
            {
                clean.Append(bad ? '\ufffd' : c);
                if (pair) clean.Append(text[i + 1]);
            }
            if (pair) i++;
        }
        return clean?.ToString() ?? text;
    }
}
