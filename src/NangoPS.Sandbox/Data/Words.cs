namespace NangoPS.Sandbox.Data;

/// <summary>Word lists the generators pick from; deliberately mixed with non-ASCII text.</summary>
internal static class Words
{
    public static readonly string[] CompanyStems =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Soylent", "Hooli", "Vandelay", "Cyberdyne",
        "Müller", "Zoë's", "Łódź Textil", "Société Générale", "東京電気", "Ærø Fisk", "São Bento", "Nordström",
        "Ōsaka Works", "Café Núñez", "Tyrell", "Oscorp", "Wonka", "Gringotts", "Dunder Mifflin", "Pied Piper",
    ];
    public static readonly string[] CompanySuffixes = ["Inc.", "GmbH", "Ltd", "S.A.", "K.K.", "LLC", "AB", "Group", "Holdings", "& Co."];
    public static readonly string[] FirstNames =
    [
        "Ana", "Björn", "Chloé", "Dmitri", "Émilie", "François", "Grace", "Hiroshi", "Ines", "José", "Kai", "Lena",
        "Mårten", "Noor", "Oğuz", "Priya", "Quentin", "Renée", "Søren", "Tomás", "Uma", "Václav", "Wei", "Xóchitl",
        "Yusuf", "Zoë", "翔太", "Łukasz",
    ];
    public static readonly string[] LastNames =
    [
        "Smith", "Müller", "García", "Nguyen", "O'Brien", "Kowalski", "Johansson", "Rossi", "Dubois", "Tanaka",
        "Ivanova", "Fernández", "Schäfer", "Øster", "Van der Berg", "Çelik", "Nakamura", "Silva", "Brontë", "Chen",
        "Lefèvre", "D'Angelo", "佐藤", "Ångström",
    ];
    public static readonly string[] Titles =
    [
        "CEO", "CFO", "VP Sales", "Head of Data", "Directeur Général", "Sales Manager", "Buyer", "Engineer",
        "Geschäftsführerin", "Account Executive", "Office Manager", "CTO",
    ];
    public static readonly string[] Streets =
    [
        "Market Street", "Hauptstraße", "Rua Augusta", "Rue de Rivoli", "Main St", "Königsallee", "Calle Mayor",
        "Shibuya Crossing", "Ulica Floriańska", "Bahnhofstrasse",
    ];
    public static readonly string[] Sentences =
    [
        "Renewal discussed at the quarterly review.",
        "Prefers contact by e-mail; avoid calls before 10:00.",
        "Kunde wünscht eine Rückmeldung bis Freitag.",
        "Client très satisfait — envisage une extension.",
        "Escalated twice; see attached notes.\nFollow-up scheduled.",
        "大口顧客。年次契約の更新予定。",
        "Needs a \"quote\" with tabs\tand backslashes \\ in it.",
        "Zażółć gęślą jaźń — test of Polish diacritics.",
        "🚀 Launch partner for the 2025 rollout.",
    ];

    /// <summary>City, State, StateCode, PostalCode, Country, CountryCode, Latitude, Longitude.</summary>
    public static readonly (string City, string? State, string? StateCode, string Postal, string Country, string CountryCode, double Lat, double Lon)[] Places =
    [
        ("San Francisco", "California", "CA", "94105", "United States", "US", 37.7897, -122.3972),
        ("New York", "New York", "NY", "10001", "United States", "US", 40.7506, -73.9972),
        ("Austin", "Texas", "TX", "78701", "United States", "US", 30.2672, -97.7431),
        ("München", "Bayern", "BY", "80331", "Germany", "DE", 48.1374, 11.5755),
        ("São Paulo", "São Paulo", "SP", "01310-100", "Brazil", "BR", -23.5614, -46.6559),
        ("Kraków", "Małopolskie", null, "31-042", "Poland", "PL", 50.0614, 19.9366),
        ("東京", "東京都", "13", "100-0001", "Japan", "JP", 35.6812, 139.7671),
        ("Montréal", "Québec", "QC", "H2Y 1C6", "Canada", "CA", 45.5048, -73.5563),
        ("London", null, null, "EC1A 1BB", "United Kingdom", "GB", 51.5200, -0.0977),
        ("Zürich", "Zürich", "ZH", "8001", "Switzerland", "CH", 47.3769, 8.5417),
    ];

    public static readonly string[] GeocodeAccuracy = ["Address", "NearAddress", "Block", "Street", "ExtendedZip", "Zip", "City"];
    public static readonly string[] CountryCodes = ["US", "DE", "BR", "PL", "JP", "CA", "GB", "CH", "FR"];
    public static readonly string[] StateCodes = ["CA", "NY", "TX", "BY", "SP", "13", "QC", "ZH"];
}
