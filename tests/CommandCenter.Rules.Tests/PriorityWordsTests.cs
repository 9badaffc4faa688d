using CommandCenter.Grains.Catalogue;

namespace CommandCenter.Rules.Tests;

[Trait("Category", "Unit")]
public class PriorityWordsTests
{
    [Theory]
    [InlineData(Priority.Urgent, "urgent")]
    [InlineData(Priority.High, "high")]
    [InlineData(Priority.Normal, "normal")]
    [InlineData(Priority.Low, "low")]
    public void Priorities_have_one_word_each_and_read_back(Priority priority, string word)
    {
        PriorityWords.Of(priority).Should().Be(word);
        PriorityWords.Parse(word).Should().Be(priority);
        PriorityWords.Parse(word.ToUpperInvariant()).Should().Be(priority);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("critical")]
    [InlineData("0")]
    public void Other_words_name_no_priority(string? word)
    {
        PriorityWords.Parse(word).Should().BeNull();
    }
}
