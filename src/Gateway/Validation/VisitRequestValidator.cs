using ClassifiedGateway.Contracts.V1;

namespace ClassifiedGateway.Gateway.Validation;

/// <summary>Art. 9.2 items 1–6 are required in a visit request; item 7 is optional.</summary>
internal static class VisitRequestValidator
{
    public static void Validate(Violations v, VisitRequest r)
    {
        v.NotEmpty("visit_request.visitors", r.Visitors);
        for (var i = 0; i < r.Visitors.Count; i++)
        {
            var p = r.Visitors[i];
            var f = $"visit_request.visitors[{i}]";
            v.Text($"{f}.surname", p.Surname, 128);
            v.Text($"{f}.given_name", p.GivenName, 128);
            v.Date($"{f}.date_of_birth", p.DateOfBirth);
            v.Text($"{f}.place_of_birth", p.PlaceOfBirth, 256);
            v.Text($"{f}.citizenship", p.Citizenship, 128);
            v.Text($"{f}.passport_number", p.PassportNumber, 64);
            v.Text($"{f}.position", p.Position, 256);
            v.BodyId($"{f}.employer_body_id", p.EmployerBodyId);
            v.Level($"{f}.clearance_level", p.ClearanceLevel);
        }

        v.Date("visit_request.first_day", r.FirstDay);
        if (r.DurationDays <= 0)
        {
            v.Add("visit_request.duration_days", "must be positive");
        }

        v.Text("visit_request.purpose", r.Purpose, 2048);
        v.NotEmpty("visit_request.topics", r.Topics);
        for (var i = 0; i < r.Topics.Count; i++)
        {
            v.Text($"visit_request.topics[{i}].subject", r.Topics[i].Subject, 1024);
            v.Level($"visit_request.topics[{i}].level", r.Topics[i].Level);
        }

        v.NotEmpty("visit_request.bodies_to_visit", r.BodiesToVisit);
        for (var i = 0; i < r.BodiesToVisit.Count; i++)
        {
            v.BodyId($"visit_request.bodies_to_visit[{i}]", r.BodiesToVisit[i]);
        }
    }
}
