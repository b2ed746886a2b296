using ClassifiedGateway.Gateway.Security;

namespace ClassifiedGateway.Tests.Unit.Security;

public sealed class BodiesOptionsValidatorTests
{
    public static TheoryData<string, string[], string[], string?> Cases => new()
    {
        { "the development registry", ["kz-knb", "kz-ab-1"], ["tm-mns", "tm-ab-1"], null },
        { "every allowed character", ["A.b_c:d-9"], ["tm-mns"], null },
        { "no KZ list", [], ["tm-mns"], "Gateway:Bodies:KZ" },
        { "no TM list", ["kz-knb"], [], "Gateway:Bodies:TM" },
        { "a newline in an id", ["kz-knb\nforged"], ["tm-mns"], "is not a body id" },
        { "a space in an id", ["kz knb"], ["tm-mns"], "is not a body id" },
        { "an empty id", [""], ["tm-mns"], "is not a body id" },
        { "an escape code", ["kz-\u001b[31m"], ["tm-mns"], "is not a body id" },
        { "129 characters", [new string('a', 129)], ["tm-mns"], "is not a body id" },
        { "one id for both Parties", ["kz-knb", "shared"], ["tm-mns", "shared"], "listed for both Parties" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validates_the_registry(string why, string[] kz, string[] tm, string? failure)
    {
        var result = new BodiesOptionsValidator().Validate(null, new BodiesOptions { KZ = [.. kz], TM = [.. tm] });
        if (failure is null)
        {
            Assert.True(result.Succeeded, why);
        }
        else
        {
            Assert.True(result.Failed, why);
            Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
            Assert.DoesNotContain("\n", result.FailureMessage.Replace("; ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }
}
