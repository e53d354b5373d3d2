import type { OpeningSpan } from '../../modules/businesses/opening-hours';

/** One demo listing; the seeder resolves the region and category slugs. */
export interface BusinessSeed {
  readonly name: string;
  readonly region: string;
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly lat: number;
  readonly lng: number;
  readonly description: string;
  readonly hours: 'weekdays' | 'everyday' | 'evenings' | 'late' | 'none';
  readonly memberOwned?: boolean;
  readonly verified?: boolean;
  readonly website?: string;
  readonly owner: 'ada' | 'kwame' | 'zara';
}

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;
const EVERY_DAY = [...WEEKDAYS, 'SATURDAY', 'SUNDAY'] as const;

export const OPENING_PATTERNS: Readonly<Record<BusinessSeed['hours'], OpeningSpan[]>> = {
  weekdays: WEEKDAYS.map((day) => ({ day, opens: '09:00', closes: '17:30' })),
  everyday: EVERY_DAY.map((day) => ({ day, opens: '07:00', closes: '21:00' })),
  evenings: [...WEEKDAYS.map((day) => ({ day, opens: '17:00', closes: '23:00' })), { day: 'SATURDAY', opens: '12:00', closes: '24:00' }],
  late: [{ day: 'FRIDAY', opens: '20:00', closes: '03:00' }, { day: 'SATURDAY', opens: '20:00', closes: '04:00' }],
  none: [],
};

/** The demo members who own the demo listings; their passwords are random (they cannot sign in). */
export const DEMO_OWNERS = {
  ada: { displayName: 'Ada Okafor', email: 'ada.demo@hometown.localhost', region: 'yaba-lagos-ng', publicProfile: true },
  kwame: { displayName: 'Kwame Mensah', email: 'kwame.demo@hometown.localhost', region: 'osu-accra-gh', publicProfile: true },
  zara: { displayName: 'Zara Williams', email: 'zara.demo@hometown.localhost', region: 'brixton-london-gb', publicProfile: false },
} as const;

/** A few listings in the places the demo regions cover, so the directory has something to find. */
export const DEMO_BUSINESSES: readonly BusinessSeed[] = [
  { name: "Mama Ngozi's Bakery", region: 'yaba-lagos-ng', categories: ['bakery'], tags: ['fresh-bread', 'pastries'], lat: 6.5102, lng: 3.3724, description: 'Agege bread, meat pies and chin chin baked every morning.', hours: 'everyday', memberOwned: true, verified: true, owner: 'ada' },
  { name: 'Yaba Code Hub', region: 'yaba-lagos-ng', categories: ['coworking-space', 'coding-school'], tags: ['python', 'wifi', 'meetups'], lat: 6.5087, lng: 3.3789, description: 'Coworking desks, Python classes and a monthly developer meetup.', hours: 'weekdays', memberOwned: true, verified: true, website: 'https://yabacodehub.example.org', owner: 'ada' },
  { name: 'Ikeja Ledger & Co', region: 'ikeja-lagos-ng', categories: ['accountant'], tags: ['tax', 'payroll'], lat: 6.6011, lng: 3.3498, description: 'Bookkeeping and tax filing for small businesses and freelancers.', hours: 'weekdays', memberOwned: true, owner: 'ada' },
  { name: 'Lekki Braids Studio', region: 'lekki-lagos-ng', categories: ['braiding', 'hair-salon'], tags: ['knotless', 'cornrows'], lat: 6.4478, lng: 3.4711, description: 'Knotless braids, cornrows and natural hair care.', hours: 'everyday', memberOwned: true, owner: 'ada' },
  { name: 'Suya Spot Surulere', region: 'surulere-lagos-ng', categories: ['restaurant'], tags: ['suya', 'grill', 'late-night'], lat: 6.4995, lng: 3.3551, description: 'Beef and chicken suya off the grill, open late.', hours: 'evenings', owner: 'ada' },
  { name: 'Osu Chop Bar', region: 'osu-accra-gh', categories: ['restaurant'], tags: ['waakye', 'jollof'], lat: 5.5566, lng: -0.1772, description: 'Waakye in the morning, jollof and grilled tilapia all day.', hours: 'everyday', memberOwned: true, verified: true, owner: 'kwame' },
  { name: 'East Legon Tech Repairs', region: 'east-legon-accra-gh', categories: ['repair-shop', 'it-support'], tags: ['phones', 'laptops'], lat: 5.6372, lng: -0.1611, description: 'Phone and laptop repairs while you wait.', hours: 'weekdays', memberOwned: true, owner: 'kwame' },
  { name: 'Kente & Code', region: 'osu-accra-gh', categories: ['software-development', 'web-design'], tags: ['python', 'django', 'websites'], lat: 5.5551, lng: -0.1748, description: 'A small studio building websites and Django apps for local businesses.', hours: 'weekdays', memberOwned: true, website: 'https://kenteandcode.example.org', owner: 'kwame' },
  { name: 'Westlands Data Lab', region: 'westlands-nairobi-ke', categories: ['data-analytics', 'consultant'], tags: ['python', 'pandas', 'dashboards'], lat: -1.2681, lng: 36.8112, description: 'Data analysis and dashboards for NGOs and startups.', hours: 'weekdays', memberOwned: true, verified: true, owner: 'kwame' },
  { name: 'Kilimani Café', region: 'kilimani-nairobi-ke', categories: ['cafe'], tags: ['kenyan-coffee', 'wifi'], lat: -1.2893, lng: 36.7875, description: 'Single-origin Kenyan coffee and quiet tables to work at.', hours: 'everyday', owner: 'kwame' },
  { name: 'Braamfontein Print Shop', region: 'braamfontein-johannesburg-za', categories: ['print-shop'], tags: ['posters', 'zines'], lat: -26.1921, lng: 28.0345, description: 'Risograph printing for artists, events and zines.', hours: 'weekdays', memberOwned: true, owner: 'kwame' },
  { name: 'Soweto Sound Studio', region: 'soweto-johannesburg-za', categories: ['recording-studio'], tags: ['amapiano', 'podcasts'], lat: -26.2478, lng: 27.8553, description: 'Recording, mixing and podcast production.', hours: 'evenings', memberOwned: true, owner: 'kwame' },
  { name: 'Brixton Barbers', region: 'brixton-london-gb', categories: ['barber'], tags: ['fades', 'walk-ins'], lat: 51.4619, lng: -0.1149, description: 'Fades, line-ups and beard trims; walk-ins welcome.', hours: 'everyday', memberOwned: true, verified: true, owner: 'zara' },
  { name: 'Peckham Plantain Kitchen', region: 'peckham-london-gb', categories: ['restaurant', 'caterer'], tags: ['plantain', 'catering', 'vegan'], lat: 51.4735, lng: -0.0688, description: 'West African and Caribbean plates, with vegan options and event catering.', hours: 'evenings', memberOwned: true, owner: 'zara' },
  { name: 'Hackney Pixel Studio', region: 'hackney-london-gb', categories: ['graphic-design', 'photographer'], tags: ['branding', 'portraits'], lat: 51.5448, lng: -0.0561, description: 'Branding, portraits and product photography.', hours: 'weekdays', memberOwned: true, owner: 'zara' },
  { name: 'Tottenham Tutors', region: 'tottenham-london-gb', categories: ['tutoring'], tags: ['maths', 'gcse', 'coding'], lat: 51.5886, lng: -0.0715, description: 'Maths, science and beginner coding tutoring after school.', hours: 'evenings', owner: 'zara' },
  { name: 'Harlem Soul Bakery', region: 'harlem-new-york-city-us', categories: ['bakery', 'cafe'], tags: ['sweet-potato-pie', 'coffee'], lat: 40.8108, lng: -73.9458, description: 'Sweet potato pie, peach cobbler and strong coffee.', hours: 'everyday', memberOwned: true, verified: true, owner: 'zara' },
  { name: 'Brooklyn Stack Coworking', region: 'brooklyn-new-york-city-us', categories: ['coworking-space'], tags: ['wifi', 'meetups', 'python'], lat: 40.6789, lng: -73.9451, description: 'Coworking for developers and designers, with evening meetups.', hours: 'everyday', memberOwned: true, owner: 'zara' },
  { name: 'West End Wings', region: 'west-end-atlanta-us', categories: ['restaurant'], tags: ['wings', 'lemon-pepper', 'late-night'], lat: 33.7369, lng: -84.4137, description: 'Lemon pepper wet, late on weekends.', hours: 'late', memberOwned: true, owner: 'ada' },
  { name: 'Midtown Legal Clinic', region: 'midtown-atlanta-us', categories: ['lawyer'], tags: ['contracts', 'small-business'], lat: 33.7841, lng: -84.3836, description: 'Contracts and incorporation for small businesses and freelancers.', hours: 'weekdays', memberOwned: true, owner: 'ada' },
  { name: 'Scarborough Roti Shop', region: 'scarborough-toronto-ca', categories: ['restaurant'], tags: ['roti', 'doubles'], lat: 43.7771, lng: -79.2325, description: 'Trinidadian roti and doubles.', hours: 'everyday', memberOwned: true, owner: 'zara' },
  { name: 'Half Way Tree Electronics', region: 'half-way-tree-jm', categories: ['electronics', 'repair-shop'], tags: ['phones', 'accessories'], lat: 18.0129, lng: -76.7975, description: 'Phones, accessories and repairs.', hours: 'weekdays', owner: 'kwame' },
  { name: 'Port of Spain Steel Sounds', region: 'port-of-spain-tt', categories: ['event-venue', 'dj'], tags: ['steelpan', 'events'], lat: 10.6555, lng: -61.5012, description: 'A venue and DJ service with steelpan nights.', hours: 'late', memberOwned: true, owner: 'kwame' },
  { name: 'Château Rouge Tissus', region: 'chateau-rouge-paris-fr', categories: ['clothing', 'art-crafts'], tags: ['wax-print', 'tailoring'], lat: 48.8876, lng: 2.3489, description: 'Wax print fabrics and made-to-measure tailoring.', hours: 'weekdays', memberOwned: true, owner: 'zara' },
  { name: 'Pinheiros Capoeira & Fitness', region: 'pinheiros-sao-paulo-br', categories: ['fitness-studio'], tags: ['capoeira', 'classes'], lat: -23.5661, lng: -46.7008, description: 'Capoeira and fitness classes for all levels.', hours: 'evenings', memberOwned: true, owner: 'zara' },
];
