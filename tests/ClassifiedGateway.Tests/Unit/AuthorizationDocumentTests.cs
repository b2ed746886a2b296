using ClassifiedGateway.Contracts.V1;
using ClassifiedGateway.Gateway.Security;
using Case = ClassifiedGateway.Contracts.V1.Envelope.NoticeOneofCase;

namespace ClassifiedGateway.Tests.Unit;

public sealed class AuthorizationDocumentTests
{
    [Fact]
    public void Docs_authorization_md_is_generated_from_the_policy_table_and_the_matrix()
    {
        var expected = AuthorizationDocument.Markdown();
        var path = Path.Combine(RuleCatalogueTests.RepositoryRoot(), "docs", "authorization.md");

        var actual = File.ReadAllText(path).Replace("\r", "", StringComparison.Ordinal);

        Assert.True(expected == actual,
            "docs/authorization.md is out of step with src/Gateway/Security/Authorization; regenerate it: dotnet run --project src/Gateway -- authorization-matrix > docs/authorization.md");
    }

    [Fact]
    public void Every_notice_kind_and_every_policy_entry_has_its_row()
    {
        var document = AuthorizationDocument.Markdown();
        foreach (var kind in Enum.GetValues<Case>().Where(c => c != Case.None))
        {
            Assert.Contains($"| `{Envelope.Descriptor.FindFieldByNumber((int)kind).Name}` |", document, StringComparison.Ordinal);
        }

        foreach (var ((listener, resource), _) in AccessPolicy.Table)
        {
            var name = resource.StartsWith("http:", StringComparison.Ordinal)
                ? HttpEndpoints.All.Single(e => AccessPolicy.Http(e) == resource).Pattern
                : resource;
            Assert.Contains($"| {listener.ToString().ToLowerInvariant()} | ", document, StringComparison.Ordinal);
            Assert.Contains($"`{name}`", document, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Case.TransferNotice, true)]
    [InlineData(Case.ContractRegistration, true)]
    [InlineData(Case.ConsultationRequest, false)]
    [InlineData(Case.TerminationNotice, false)]
    public void An_authorized_body_row_follows_the_matrix(Case kind, bool allowed)
    {
        Assert.Equal(allowed, AuthorizationDocument.MaySubmit(CallerRole.AuthorizedBody, kind));
        Assert.Equal(AuthorizationMatrix.AuthorizedBodyNotices.Contains(kind), AuthorizationDocument.MaySubmit(CallerRole.AuthorizedBody, kind));
        Assert.True(AuthorizationDocument.MaySubmit(CallerRole.CompetentBody, kind));
        Assert.False(AuthorizationDocument.MaySubmit(CallerRole.Operator, kind));
        Assert.False(AuthorizationDocument.MaySubmit(CallerRole.Node, kind));
    }
}
