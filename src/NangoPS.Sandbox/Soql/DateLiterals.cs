namespace NangoPS.Sandbox.Soql;

/// <summary>
/// SOQL relative date literals (TODAY, LAST_N_DAYS:7, ...) as half-open UTC ranges [start, end). The sandbox
/// user's time zone is UTC and weeks start on Sunday (en_US), as for a default Salesforce user.
/// </summary>
internal static class DateLiterals
{
    public static bool TryResolve(string name, int? n, DateTime now, out DateTime start, out DateTime end)
    {
        var today = now.Date;
        var week = today.AddDays(-(int)today.DayOfWeek);
        var month = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var year = new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        (DateTime, DateTime)? range = (name.ToUpperInvariant(), n) switch
        {
            ("TODAY", null) => (today, today.AddDays(1)),
            ("YESTERDAY", null) => (today.AddDays(-1), today),
            ("TOMORROW", null) => (today.AddDays(1), today.AddDays(2)),
            ("THIS_WEEK", null) => (week, week.AddDays(7)),
            ("LAST_WEEK", null) => (week.AddDays(-7), week),
            ("NEXT_WEEK", null) => (week.AddDays(7), week.AddDays(14)),
            ("THIS_MONTH", null) => (month, month.AddMonths(1)),
            ("LAST_MONTH", null) => (month.AddMonths(-1), month),
            ("NEXT_MONTH", null) => (month.AddMonths(1), month.AddMonths(2)),
            ("LAST_90_DAYS", null) => (today.AddDays(-90), today.AddDays(1)),
            ("NEXT_90_DAYS", null) => (today.AddDays(1), today.AddDays(91)),
            ("THIS_YEAR", null) => (year, year.AddYears(1)),
            ("LAST_YEAR", null) => (year.AddYears(-1), year),
            ("NEXT_YEAR", null) => (year.AddYears(1), year.AddYears(2)),
            ("LAST_N_DAYS", int d) => (today.AddDays(-d), today.AddDays(1)),
            ("NEXT_N_DAYS", int d) => (today.AddDays(1), today.AddDays(1 + d)),
            ("N_DAYS_AGO", int d) => (today.AddDays(-d), today.AddDays(-d + 1)),
            ("LAST_N_MONTHS", int m) => (month.AddMonths(-m), month),
            ("NEXT_N_MONTHS", int m) => (month.AddMonths(1), month.AddMonths(1 + m)),
            _ => null,
        };
        (start, end) = range ?? default;
        start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
        end = DateTime.SpecifyKind(end, DateTimeKind.Utc);
        return range is not null;
    }
}
