/**
 * Country names (lower case, as listings spell them) → ISO 3166 alpha-2. Two-letter codes are
 * deliberately absent: "CA", "IN", "DE" are also US states and English words, so bare codes are
 * only read where a source's field is documented to hold a country code.
 */
export const COUNTRY_NAMES: Record<string, string> = {
  "united states": "US", "united states of america": "US", usa: "US", "u.s.": "US", "u.s.a.": "US",
  canada: "CA", mexico: "MX", brazil: "BR", brasil: "BR", argentina: "AR", chile: "CL", colombia: "CO",
  peru: "PE", uruguay: "UY", paraguay: "PY", bolivia: "BO", ecuador: "EC", venezuela: "VE",
  "costa rica": "CR", panama: "PA", guatemala: "GT", honduras: "HN", "el salvador": "SV", nicaragua: "NI",
  "dominican republic": "DO", "puerto rico": "PR", jamaica: "JM", cuba: "CU",
  "united kingdom": "GB", uk: "GB", "u.k.": "GB", "great britain": "GB", britain: "GB", england: "GB",
  scotland: "GB", wales: "GB", "northern ireland": "GB", ireland: "IE", germany: "DE", deutschland: "DE",
  france: "FR", spain: "ES", portugal: "PT", italy: "IT", netherlands: "NL", "the netherlands": "NL",
  holland: "NL", belgium: "BE", luxembourg: "LU", switzerland: "CH", austria: "AT", poland: "PL",
  "czech republic": "CZ", czechia: "CZ", slovakia: "SK", hungary: "HU", romania: "RO", bulgaria: "BG",
  greece: "GR", croatia: "HR", serbia: "RS", slovenia: "SI", bosnia: "BA", "north macedonia": "MK",
  albania: "AL", montenegro: "ME", kosovo: "XK", ukraine: "UA", belarus: "BY", moldova: "MD",
  lithuania: "LT", latvia: "LV", estonia: "EE", finland: "FI", sweden: "SE", norway: "NO", denmark: "DK",
  iceland: "IS", malta: "MT", cyprus: "CY", turkey: "TR", "türkiye": "TR", turkiye: "TR", israel: "IL",
  russia: "RU", armenia: "AM", azerbaijan: "AZ", kazakhstan: "KZ", uzbekistan: "UZ",
  "united arab emirates": "AE", uae: "AE", "saudi arabia": "SA", qatar: "QA", bahrain: "BH",
  kuwait: "KW", oman: "OM", lebanon: "LB", egypt: "EG", morocco: "MA", tunisia: "TN",
  algeria: "DZ", nigeria: "NG", kenya: "KE", "south africa": "ZA", ghana: "GH", ethiopia: "ET",
  uganda: "UG", rwanda: "RW", tanzania: "TZ", senegal: "SN", india: "IN", pakistan: "PK",
  bangladesh: "BD", "sri lanka": "LK", nepal: "NP", china: "CN", "hong kong": "HK", taiwan: "TW",
  japan: "JP", "south korea": "KR", korea: "KR", singapore: "SG", malaysia: "MY", indonesia: "ID",
  philippines: "PH", vietnam: "VN", "viet nam": "VN", thailand: "TH", cambodia: "KH",
  australia: "AU", "new zealand": "NZ",
};

/** Cities and sub-national names that pin a country ("Bengaluru" → IN, "Ontario" → CA). */
export const PLACE_COUNTRY: Record<string, string> = {
  // United States: states spelled out, and cities that appear in listings.
  alabama: "US", alaska: "US", arizona: "US", arkansas: "US", california: "US", colorado: "US",
  connecticut: "US", delaware: "US", florida: "US", hawaii: "US", idaho: "US", illinois: "US",
  indiana: "US", iowa: "US", kansas: "US", kentucky: "US", louisiana: "US", maine: "US", maryland: "US",
  massachusetts: "US", michigan: "US", minnesota: "US", mississippi: "US", missouri: "US", montana: "US",
  nebraska: "US", nevada: "US", "new hampshire": "US", "new jersey": "US", "new mexico": "US",
  "new york": "US", "north carolina": "US", "north dakota": "US", ohio: "US", oklahoma: "US", oregon: "US",
  pennsylvania: "US", "rhode island": "US", "south carolina": "US", "south dakota": "US", tennessee: "US",
  texas: "US", utah: "US", vermont: "US", virginia: "US", washington: "US", "west virginia": "US",
  wisconsin: "US", wyoming: "US", "washington, d.c.": "US", "washington dc": "US", nyc: "US",
  "san francisco": "US", "bay area": "US", "silicon valley": "US", seattle: "US", austin: "US",
  boston: "US", chicago: "US", "los angeles": "US", denver: "US", atlanta: "US", miami: "US",
  portland: "US", philadelphia: "US", "ann arbor": "US", gainesville: "US", "palo alto": "US",
  "mountain view": "US", tampa: "US", charlotte: "US", arlington: "US", dallas: "US", houston: "US",
  "san diego": "US", "san jose": "US", oakland: "US", pittsburgh: "US", minneapolis: "US",
  "salt lake city": "US", phoenix: "US", raleigh: "US", nashville: "US", detroit: "US", baltimore: "US",
  brooklyn: "US", "menlo park": "US", "santa monica": "US", boulder: "US",
  // Canada.
  ontario: "CA", quebec: "CA", "british columbia": "CA", alberta: "CA", "nova scotia": "CA",
  toronto: "CA", vancouver: "CA", montreal: "CA", ottawa: "CA", calgary: "CA", waterloo: "CA",
  // Europe.
  london: "GB", manchester: "GB", edinburgh: "GB", bristol: "GB", dublin: "IE", berlin: "DE",
  munich: "DE", "münchen": "DE", hamburg: "DE", frankfurt: "DE", cologne: "DE",
  paris: "FR", lyon: "FR", annecy: "FR", amsterdam: "NL", utrecht: "NL", rotterdam: "NL",
  madrid: "ES", barcelona: "ES", lisbon: "PT", porto: "PT", milan: "IT", rome: "IT", zurich: "CH",
  "zürich": "CH", geneva: "CH", vienna: "AT", salzburg: "AT", stockholm: "SE", copenhagen: "DK",
  oslo: "NO", helsinki: "FI", warsaw: "PL", krakow: "PL", "kraków": "PL", wroclaw: "PL", prague: "CZ",
  budapest: "HU", bucharest: "RO", sofia: "BG", athens: "GR", ljubljana: "SI", tallinn: "EE",
  riga: "LV", vilnius: "LT", kyiv: "UA", belgrade: "RS", zagreb: "HR", brussels: "BE",
  // Elsewhere.
  "tel aviv": "IL", bangalore: "IN", bengaluru: "IN", mumbai: "IN", bombay: "IN", delhi: "IN",
  "new delhi": "IN", hyderabad: "IN", pune: "IN", chennai: "IN", gurgaon: "IN", noida: "IN",
  tokyo: "JP", osaka: "JP", seoul: "KR", shanghai: "CN", beijing: "CN", shenzhen: "CN", chengdu: "CN",
  sydney: "AU", melbourne: "AU", brisbane: "AU", auckland: "NZ", "são paulo": "BR", "sao paulo": "BR",
  "florianópolis": "BR", florianopolis: "BR", "buenos aires": "AR", "mexico city": "MX",
  "bogotá": "CO", bogota: "CO", "medellín": "CO", medellin: "CO", santiago: "CL", lima: "PE",
  montevideo: "UY", "cape town": "ZA", johannesburg: "ZA", lagos: "NG", nairobi: "KE", dubai: "AE",
  manila: "PH", jakarta: "ID", "kuala lumpur": "MY", bangkok: "TH", "ho chi minh city": "VN",
};
