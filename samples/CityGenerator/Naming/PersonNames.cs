namespace CityGenerator.Naming;

/// <summary>Synthetic Chinese personal names: a common surname and one or two given-name characters.</summary>
public static class PersonNames
{
    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    private const string GivenChars =
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国文辉力斌波宁浩凯俊鹏飞婷雪琳晨宇欣怡佳颖慧璐倩峰亮健坤春燕梅兰凤志新海林东云荣庆祥福金宝兵卫忠锋晓旭阳鑫蕾琴莉丹岚嘉轩子涵睿博思雨诗梓铭泽宏毅诚彬昊";

    public static string Next(Random random)
    {
        var surname = Surnames[random.Next(Surnames.Length)];
        var first = GivenChars[random.Next(GivenChars.Length)];
        return random.NextDouble() < 0.3
            ? $"{surname}{first}"
            : $"{surname}{first}{GivenChars[random.Next(GivenChars.Length)]}";
    }
}
