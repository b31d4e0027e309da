import type { Region } from "./facets";

const split = (codes: string) => codes.trim().split(/\s+/);

const NORTH_AMERICA = split("US CA MX");
const LATAM = split(`MX GT BZ SV HN NI CR PA CU DO HT JM TT BB BS LC VC GD AG DM KN PR
  CO VE EC PE BO BR PY UY AR CL GY SR`);
const EUROPE = split(`AL AD AT BY BE BA BG HR CY CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT MD MC ME NL MK NO
  PL PT RO RU SM RS SK SI ES SE CH UA GB VA TR GE AM AZ`);
const MIDDLE_EAST = split("AE BH IL IQ IR JO KW LB OM PS QA SA SY YE EG");
const AFRICA = split(`DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML
  MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW`);
const APAC = split(`AF AU BD BT BN KH CN FJ HK IN ID JP KZ KI KG LA MO MY MV MH FM MN MM NR NP NZ KP PK PW PG PH WS
  SG SB KR LK TW TJ TH TL TO TM TV UZ VU VN`);

const MEMBERS: Record<Region, Set<string>> = {
  north_america: new Set(NORTH_AMERICA),
  latam: new Set(LATAM),
  americas: new Set([...NORTH_AMERICA, ...LATAM]),
  europe: new Set(EUROPE),
  emea: new Set([...EUROPE, ...MIDDLE_EAST, ...AFRICA]),
  africa: new Set(AFRICA),
  apac: new Set(APAC),
};

/** Whether someone living in `country` (ISO alpha-2) is inside a listing's region. */
export function countryInRegion(country: string, region: Region): boolean {
  return MEMBERS[region]?.has(country) ?? false;
}
