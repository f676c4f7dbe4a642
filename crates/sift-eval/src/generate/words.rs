//! The small word lists the generator draws from. The names are invented combinations: no
//! list pairs a first name with a family name, and every address, domain and telephone number
//! is of a reserved or fictional kind (`example.com`, `+1-555-01xx`).

pub(super) const FIRST_NAMES: &[&str] = &[
    "Ada", "Bram", "Cleo", "Dario", "Elin", "Farah", "Gus", "Hana", "Ivo", "Juno", "Kai", "Lena",
    "Milo", "Nora", "Otto", "Pia", "Rafe", "Sana", "Teo", "Vera",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Ashby",
    "Brennick",
    "Calloway",
    "Dunmore",
    "Everly",
    "Fairbank",
    "Greythorn",
    "Holloway",
    "Ingram",
    "Jessup",
    "Kettering",
    "Lowell",
    "Marchetti",
    "Northam",
    "Okafor",
    "Pryce",
    "Quill",
    "Rainer",
    "Stroud",
    "Thackery",
];

pub(super) const COMPANY_WORDS: &[&str] = &[
    "Amber", "Birch", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Indigo",
    "Juniper", "Kestrel", "Lumen", "Maple", "Nimbus", "Orchid", "Pioneer", "Quartz", "Redwood",
    "Summit", "Tundra",
];

pub(super) const COMPANY_KINDS: &[&str] = &[
    "Labs",
    "Studio",
    "Partners",
    "Works",
    "Foods",
    "Logistics",
    "Media",
    "Health",
    "Systems",
    "Design",
];

pub(super) const PROJECTS: &[&str] = &[
    "Website Redesign",
    "Mobile App",
    "Brand Refresh",
    "Data Migration",
    "Spring Campaign",
    "Onboarding Portal",
    "Analytics Dashboard",
    "Support Desk",
    "Annual Report",
    "Store Launch",
    "Intranet Upgrade",
    "Product Catalog",
];

pub(super) const TASKS: &[&str] = &[
    "Design",
    "Development",
    "Project Management",
    "Research",
    "Testing",
    "Copywriting",
    "Meetings",
    "Support",
    "Deployment",
    "Training",
    "Marketing",
    "Accounting",
];

pub(super) const ROLES: &[&str] = &[
    "Designer",
    "Developer",
    "Manager",
    "Consultant",
    "Analyst",
    "Writer",
    "Strategist",
    "Producer",
    "Engineer",
    "Coordinator",
    "Editor",
    "Researcher",
];

pub(super) const CATEGORIES: &[&str] = &[
    "Travel",
    "Meals",
    "Software",
    "Hardware",
    "Mileage",
    "Lodging",
    "Consulting",
    "Licenses",
    "Hosting",
    "Printing",
    "Training",
    "Supplies",
];

pub(super) const JOB_TITLES: &[&str] = &[
    "Account Manager",
    "Chief Technology Officer",
    "Office Manager",
    "Head of Marketing",
    "Finance Lead",
    "Product Owner",
    "Operations Director",
];

pub(super) const VERBS: &[&str] = &[
    "Reviewed",
    "Drafted",
    "Fixed",
    "Planned",
    "Updated",
    "Tested",
    "Discussed",
    "Prepared",
];

pub(super) const OBJECTS: &[&str] = &[
    "the homepage layout",
    "the sprint backlog",
    "the invoice template",
    "the API integration",
    "the release notes",
    "the onboarding flow",
    "client feedback",
    "the style guide",
    "the quarterly budget",
    "the search filters",
];

pub(super) const STREETS: &[&str] = &["Elm", "Oak", "Willow", "Cedar", "Harbor", "Mill", "Orchard"];

pub(super) const CITIES: &[&str] = &[
    "Riverton",
    "Lakeside",
    "Brookfield",
    "Fairhaven",
    "Millbrook",
];

pub(super) const TIMEZONES: &[&str] = &[
    "America/New_York",
    "America/Chicago",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Tokyo",
];

pub(super) const CURRENCIES: &[&str] = &["USD", "USD", "USD", "EUR", "GBP", "CAD"];
