using ClassifiedGateway.Gateway.Dashboard.Export;

namespace ClassifiedGateway.Tests.Unit.ConsoleUi;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("kz-ab-1", "kz-ab-1")]
    [InlineData("", "")]
    public void A_cell_is_escaped_and_never_read_as_a_formula(string value, string expected) => Assert.Equal(expected, Csv.Cell(value));

    [Fact]
    public void A_line_ends_with_CRLF_and_separates_cells_with_commas() =>
        Assert.Equal("a,\"b,c\",'=1\r\n", Csv.Line(["a", "b,c", "=1"]));
}
