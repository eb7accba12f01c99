using System.Globalization;
using BlazorTrader.Engine.Execution.InteractiveBrokers;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

public class TwsFieldEncodingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("2147483647")]
    [InlineData("1.7976931348623157E308")]
    [InlineData("1.7976931348623157e+308")]
    [InlineData("1.79769313486232E+308")]
    [InlineData("Infinity")]
    public void EveryUnsetSpelling_ReadsAsNull(string spelling)
    {
        var reader = new TwsFieldReader([spelling]);

        Assert.Null(reader.ReadDecimalOrNull());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2147483647")]
    public void UnsetIntegers_ReadAsNull(string spelling) => Assert.Null(new TwsFieldReader([spelling]).ReadIntOrNull());

    [Theory]
    [InlineData("0.0", "0")]
    [InlineData("18250.25", "18250.25")]
    [InlineData("-1", "-1")]
    [InlineData("0.5", "0.5")]
    [InlineData("1E-05", "0.00001")]
    public void Numbers_ReadCultureInvariant(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), new TwsFieldReader([text]).ReadDecimalOrNull());

    [Fact]
    public void Numbers_AreWrittenCultureInvariant_EvenUnderACommaDecimalCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // The app runs with invariant globalization, so build a comma-decimal culture by hand.
            var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            commaCulture.NumberFormat.NumberDecimalSeparator = ",";
            commaCulture.NumberFormat.NumberGroupSeparator = ".";
            commaCulture.NumberFormat.NegativeSign = "\u2212";
            CultureInfo.CurrentCulture = commaCulture;

            var payload = new TwsFieldWriter(3).Add(18250.25m).Add(-1).Add((decimal?)null).Add(true).ToPayload();

            Assert.Equal(["3", "18250.25", "-1", "", "1"], TwsFrameCodec.DecodeFields(payload));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TagValues_TravelAsOneSemicolonTerminatedField()
    {
        var payload = new TwsFieldWriter(3).AddTagValues([new("NonGuaranteed", "1"), new("a", "b")]).AddTagValues([]).ToPayload();

        Assert.Equal(["3", "NonGuaranteed=1;a=b;", ""], TwsFrameCodec.DecodeFields(payload));
    }

    [Fact]
    public void ReadingPastTheLastField_IsAProtocolError()
    {
        var reader = new TwsFieldReader(["1"]);
        reader.Skip();

        Assert.Throws<TwsProtocolException>(() => reader.ReadString());
    }

    [Fact]
    public void Booleans_AreNonZeroIntegers_AndEmptyIsFalse()
    {
        var reader = new TwsFieldReader(["1", "0", "", "2"]);

        Assert.Equal([true, false, false, true], [reader.ReadBool(), reader.ReadBool(), reader.ReadBool(), reader.ReadBool()]);
    }
}
