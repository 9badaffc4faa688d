namespace CityGenerator.Naming;

/// <summary>Chinese numerals for ordinals 1..99 (一, 二, … 十, 十一, … 二十, 二十一 …).</summary>
public static class ChineseNumerals
{
    private static readonly string[] Digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    public static string Of(int n)
    {
        if (n is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "supported range is 1..99");
        }
        if (n < 10)
        {
            return Digits[n];
        }
        var tens = n / 10 == 1 ? "" : Digits[n / 10];
        var units = n % 10 == 0 ? "" : Digits[n % 10];
        return $"{tens}十{units}";
    }
}
