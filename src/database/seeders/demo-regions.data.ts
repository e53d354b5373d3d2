import { RegionKind } from '../../modules/regions/region-kind';

/** One region of the demo tree; slugs are derived by the seeder. */
export interface RegionSeed {
  readonly name: string;
  readonly kind: RegionKind;
  /** ISO 3166-1 alpha-2 for countries (e.g. 'NG'), ISO 3166-2 for states (e.g. 'NG-LA'); omit for cities and neighbourhoods. */
  readonly iso?: string;
  /** Centroid, WGS 84 degrees, 4 decimals are plenty. */
  readonly lat?: number;
  readonly lng?: number;
  /** IANA time zone. Give it on every country that has exactly one zone; on countries spanning several zones (US, Canada, Brazil) omit it on the country and give it on each state. Cities/neighbourhoods may omit it (they inherit). */
  readonly tz?: string;
  readonly children?: readonly RegionSeed[];
}

/**
 * Real places where a global community of Black developers lives: West, East and Southern Africa, the
 * Caribbean, North and South America and Europe. Countries sit at the top (alphabetically), then their
 * states / provinces / regions / parishes, then major cities, then a few well-known neighbourhoods in
 * the largest cities. Used to seed a demo database; coordinates are approximate centroids.
 */
export const DEMO_REGIONS: readonly RegionSeed[] = [
  {
    name: 'Barbados',
    kind: RegionKind.COUNTRY,
    iso: 'BB',
    lat: 13.1939,
    lng: -59.5432,
    tz: 'America/Barbados',
    children: [
      {
        name: 'Saint Michael',
        kind: RegionKind.STATE,
        iso: 'BB-08',
        lat: 13.11,
        lng: -59.6,
        children: [{ name: 'Bridgetown', kind: RegionKind.CITY, lat: 13.0975, lng: -59.6167 }],
      },
    ],
  },
  {
    name: 'Brazil',
    kind: RegionKind.COUNTRY,
    iso: 'BR',
    lat: -14.235,
    lng: -51.9253,
    children: [
      {
        name: 'Bahia',
        kind: RegionKind.STATE,
        iso: 'BR-BA',
        lat: -12.5797,
        lng: -41.7007,
        tz: 'America/Bahia',
        children: [{ name: 'Salvador', kind: RegionKind.CITY, lat: -12.9777, lng: -38.5016 }],
      },
      {
        name: 'Rio de Janeiro',
        kind: RegionKind.STATE,
        iso: 'BR-RJ',
        lat: -22.25,
        lng: -42.66,
        tz: 'America/Sao_Paulo',
        children: [
          {
            name: 'Rio de Janeiro',
            kind: RegionKind.CITY,
            lat: -22.9068,
            lng: -43.1729,
            children: [{ name: 'Madureira', kind: RegionKind.NEIGHBOURHOOD, lat: -22.8728, lng: -43.339 }],
          },
        ],
      },
      {
        name: 'São Paulo',
        kind: RegionKind.STATE,
        iso: 'BR-SP',
        lat: -22.19,
        lng: -48.79,
        tz: 'America/Sao_Paulo',
        children: [
          {
            name: 'São Paulo',
            kind: RegionKind.CITY,
            lat: -23.5505,
            lng: -46.6333,
            children: [{ name: 'Pinheiros', kind: RegionKind.NEIGHBOURHOOD, lat: -23.5667, lng: -46.7 }],
          },
        ],
      },
    ],
  },
  {
    name: 'Canada',
    kind: RegionKind.COUNTRY,
    iso: 'CA',
    lat: 56.1304,
    lng: -106.3468,
    children: [
      {
        name: 'British Columbia',
        kind: RegionKind.STATE,
        iso: 'CA-BC',
        lat: 53.7267,
        lng: -127.6476,
        tz: 'America/Vancouver',
        children: [{ name: 'Vancouver', kind: RegionKind.CITY, lat: 49.2827, lng: -123.1207 }],
      },
      {
        name: 'Ontario',
        kind: RegionKind.STATE,
        iso: 'CA-ON',
        lat: 51.2538,
        lng: -85.3232,
        tz: 'America/Toronto',
        children: [
          {
            name: 'Toronto',
            kind: RegionKind.CITY,
            lat: 43.6532,
            lng: -79.3832,
            children: [{ name: 'Scarborough', kind: RegionKind.NEIGHBOURHOOD, lat: 43.7764, lng: -79.2318 }],
          },
          { name: 'Ottawa', kind: RegionKind.CITY, lat: 45.4215, lng: -75.6972 },
        ],
      },
      {
        name: 'Quebec',
        kind: RegionKind.STATE,
        iso: 'CA-QC',
        lat: 52.9399,
        lng: -73.5491,
        tz: 'America/Toronto',
        children: [{ name: 'Montreal', kind: RegionKind.CITY, lat: 45.5017, lng: -73.5673 }],
      },
    ],
  },
  {
    name: 'Ethiopia',
    kind: RegionKind.COUNTRY,
    iso: 'ET',
    lat: 9.145,
    lng: 40.4897,
    tz: 'Africa/Addis_Ababa',
    children: [
      {
        name: 'Addis Ababa',
        kind: RegionKind.STATE,
        iso: 'ET-AA',
        lat: 8.9806,
        lng: 38.7578,
        children: [{ name: 'Addis Ababa', kind: RegionKind.CITY, lat: 9.0108, lng: 38.7613 }],
      },
      {
        name: 'Amhara',
        kind: RegionKind.STATE,
        iso: 'ET-AM',
        lat: 11.3494,
        lng: 37.9785,
        children: [{ name: 'Bahir Dar', kind: RegionKind.CITY, lat: 11.5742, lng: 37.3614 }],
      },
      {
        name: 'Oromia',
        kind: RegionKind.STATE,
        iso: 'ET-OR',
        lat: 7.546,
        lng: 40.6347,
        children: [{ name: 'Adama', kind: RegionKind.CITY, lat: 8.54, lng: 39.27 }],
      },
    ],
  },
  {
    name: 'France',
    kind: RegionKind.COUNTRY,
    iso: 'FR',
    lat: 46.2276,
    lng: 2.2137,
    tz: 'Europe/Paris',
    children: [
      {
        name: 'Île-de-France',
        kind: RegionKind.STATE,
        iso: 'FR-IDF',
        lat: 48.71,
        lng: 2.5,
        children: [
          {
            name: 'Paris',
            kind: RegionKind.CITY,
            lat: 48.8566,
            lng: 2.3522,
            children: [
              { name: 'Château Rouge', kind: RegionKind.NEIGHBOURHOOD, lat: 48.8871, lng: 2.3494 },
              { name: "La Goutte-d'Or", kind: RegionKind.NEIGHBOURHOOD, lat: 48.886, lng: 2.354 },
            ],
          },
          { name: 'Saint-Denis', kind: RegionKind.CITY, lat: 48.9362, lng: 2.3574 },
        ],
      },
    ],
  },
  {
    name: 'Ghana',
    kind: RegionKind.COUNTRY,
    iso: 'GH',
    lat: 7.9465,
    lng: -1.0232,
    tz: 'Africa/Accra',
    children: [
      {
        name: 'Greater Accra',
        kind: RegionKind.STATE,
        iso: 'GH-AA',
        lat: 5.8143,
        lng: 0.0747,
        children: [
          {
            name: 'Accra',
            kind: RegionKind.CITY,
            lat: 5.6037,
            lng: -0.187,
            children: [
              { name: 'Osu', kind: RegionKind.NEIGHBOURHOOD, lat: 5.556, lng: -0.176 },
              { name: 'East Legon', kind: RegionKind.NEIGHBOURHOOD, lat: 5.637, lng: -0.16 },
            ],
          },
          { name: 'Tema', kind: RegionKind.CITY, lat: 5.6698, lng: -0.0166 },
        ],
      },
      {
        name: 'Ashanti',
        kind: RegionKind.STATE,
        iso: 'GH-AH',
        lat: 6.747,
        lng: -1.5209,
        children: [{ name: 'Kumasi', kind: RegionKind.CITY, lat: 6.6885, lng: -1.6244 }],
      },
    ],
  },
  {
    name: 'Jamaica',
    kind: RegionKind.COUNTRY,
    iso: 'JM',
    lat: 18.1096,
    lng: -77.2975,
    tz: 'America/Jamaica',
    children: [
      {
        name: 'Kingston',
        kind: RegionKind.STATE,
        iso: 'JM-01',
        lat: 17.97,
        lng: -76.79,
        children: [{ name: 'Kingston', kind: RegionKind.CITY, lat: 17.9714, lng: -76.792 }],
      },
      {
        name: 'Saint Andrew',
        kind: RegionKind.STATE,
        iso: 'JM-02',
        lat: 18.07,
        lng: -76.73,
        children: [{ name: 'Half Way Tree', kind: RegionKind.CITY, lat: 18.0123, lng: -76.7968 }],
      },
      {
        name: 'Saint James',
        kind: RegionKind.STATE,
        iso: 'JM-08',
        lat: 18.38,
        lng: -77.84,
        children: [{ name: 'Montego Bay', kind: RegionKind.CITY, lat: 18.4762, lng: -77.8939 }],
      },
    ],
  },
  {
    name: 'Kenya',
    kind: RegionKind.COUNTRY,
    iso: 'KE',
    lat: -0.0236,
    lng: 37.9062,
    tz: 'Africa/Nairobi',
    children: [
      {
        name: 'Nairobi City',
        kind: RegionKind.STATE,
        iso: 'KE-30',
        lat: -1.3031,
        lng: 36.8264,
        children: [
          {
            name: 'Nairobi',
            kind: RegionKind.CITY,
            lat: -1.2864,
            lng: 36.8172,
            children: [
              { name: 'Westlands', kind: RegionKind.NEIGHBOURHOOD, lat: -1.2676, lng: 36.8108 },
              { name: 'Kilimani', kind: RegionKind.NEIGHBOURHOOD, lat: -1.2897, lng: 36.7867 },
            ],
          },
        ],
      },
      {
        name: 'Mombasa',
        kind: RegionKind.STATE,
        iso: 'KE-28',
        lat: -4.03,
        lng: 39.64,
        children: [{ name: 'Mombasa', kind: RegionKind.CITY, lat: -4.0435, lng: 39.6682 }],
      },
      {
        name: 'Kisumu',
        kind: RegionKind.STATE,
        iso: 'KE-17',
        lat: -0.183,
        lng: 34.9,
        children: [{ name: 'Kisumu', kind: RegionKind.CITY, lat: -0.0917, lng: 34.768 }],
      },
    ],
  },
  {
    name: 'Nigeria',
    kind: RegionKind.COUNTRY,
    iso: 'NG',
    lat: 9.082,
    lng: 8.6753,
    tz: 'Africa/Lagos',
    children: [
      {
        name: 'Lagos',
        kind: RegionKind.STATE,
        iso: 'NG-LA',
        lat: 6.55,
        lng: 3.55,
        children: [
          {
            name: 'Lagos',
            kind: RegionKind.CITY,
            lat: 6.5244,
            lng: 3.3792,
            children: [
              { name: 'Ikeja', kind: RegionKind.NEIGHBOURHOOD, lat: 6.6018, lng: 3.3515 },
              { name: 'Yaba', kind: RegionKind.NEIGHBOURHOOD, lat: 6.5095, lng: 3.3711 },
              { name: 'Lekki', kind: RegionKind.NEIGHBOURHOOD, lat: 6.4474, lng: 3.4723 },
              { name: 'Victoria Island', kind: RegionKind.NEIGHBOURHOOD, lat: 6.4281, lng: 3.4219 },
              { name: 'Surulere', kind: RegionKind.NEIGHBOURHOOD, lat: 6.499, lng: 3.354 },
            ],
          },
        ],
      },
      {
        name: 'Federal Capital Territory',
        kind: RegionKind.STATE,
        iso: 'NG-FC',
        lat: 8.894,
        lng: 7.186,
        children: [
          {
            name: 'Abuja',
            kind: RegionKind.CITY,
            lat: 9.0765,
            lng: 7.3986,
            children: [{ name: 'Wuse', kind: RegionKind.NEIGHBOURHOOD, lat: 9.075, lng: 7.475 }],
          },
        ],
      },
      {
        name: 'Rivers',
        kind: RegionKind.STATE,
        iso: 'NG-RI',
        lat: 4.84,
        lng: 6.91,
        children: [{ name: 'Port Harcourt', kind: RegionKind.CITY, lat: 4.8156, lng: 7.0498 }],
      },
      {
        name: 'Oyo',
        kind: RegionKind.STATE,
        iso: 'NG-OY',
        lat: 8.12,
        lng: 3.42,
        children: [{ name: 'Ibadan', kind: RegionKind.CITY, lat: 7.3775, lng: 3.947 }],
      },
      {
        name: 'Kano',
        kind: RegionKind.STATE,
        iso: 'NG-KN',
        lat: 11.45,
        lng: 8.53,
        children: [{ name: 'Kano', kind: RegionKind.CITY, lat: 12.0022, lng: 8.592 }],
      },
    ],
  },
  {
    name: 'Rwanda',
    kind: RegionKind.COUNTRY,
    iso: 'RW',
    lat: -1.9403,
    lng: 29.8739,
    tz: 'Africa/Kigali',
    children: [
      {
        name: 'Kigali',
        kind: RegionKind.STATE,
        iso: 'RW-01',
        lat: -1.95,
        lng: 30.12,
        children: [
          {
            name: 'Kigali',
            kind: RegionKind.CITY,
            lat: -1.9441,
            lng: 30.0619,
            children: [{ name: 'Nyamirambo', kind: RegionKind.NEIGHBOURHOOD, lat: -1.978, lng: 30.043 }],
          },
        ],
      },
    ],
  },
  {
    name: 'Senegal',
    kind: RegionKind.COUNTRY,
    iso: 'SN',
    lat: 14.4974,
    lng: -14.4524,
    tz: 'Africa/Dakar',
    children: [
      {
        name: 'Dakar',
        kind: RegionKind.STATE,
        iso: 'SN-DK',
        lat: 14.76,
        lng: -17.33,
        children: [
          {
            name: 'Dakar',
            kind: RegionKind.CITY,
            lat: 14.7167,
            lng: -17.4677,
            children: [{ name: 'Plateau', kind: RegionKind.NEIGHBOURHOOD, lat: 14.667, lng: -17.433 }],
          },
        ],
      },
      {
        name: 'Thiès',
        kind: RegionKind.STATE,
        iso: 'SN-TH',
        lat: 14.78,
        lng: -16.75,
        children: [{ name: 'Thiès', kind: RegionKind.CITY, lat: 14.791, lng: -16.9359 }],
      },
    ],
  },
  {
    name: 'South Africa',
    kind: RegionKind.COUNTRY,
    iso: 'ZA',
    lat: -30.5595,
    lng: 22.9375,
    tz: 'Africa/Johannesburg',
    children: [
      {
        name: 'Gauteng',
        kind: RegionKind.STATE,
        iso: 'ZA-GP',
        lat: -26.2708,
        lng: 28.1123,
        children: [
          {
            name: 'Johannesburg',
            kind: RegionKind.CITY,
            lat: -26.2041,
            lng: 28.0473,
            children: [
              { name: 'Soweto', kind: RegionKind.NEIGHBOURHOOD, lat: -26.2485, lng: 27.854 },
              { name: 'Braamfontein', kind: RegionKind.NEIGHBOURHOOD, lat: -26.1929, lng: 28.0339 },
              { name: 'Sandton', kind: RegionKind.NEIGHBOURHOOD, lat: -26.1076, lng: 28.0567 },
            ],
          },
          { name: 'Pretoria', kind: RegionKind.CITY, lat: -25.7479, lng: 28.2293 },
        ],
      },
      {
        name: 'Western Cape',
        kind: RegionKind.STATE,
        iso: 'ZA-WC',
        lat: -33.2278,
        lng: 21.8569,
        children: [
          {
            name: 'Cape Town',
            kind: RegionKind.CITY,
            lat: -33.9249,
            lng: 18.4241,
            children: [{ name: 'Khayelitsha', kind: RegionKind.NEIGHBOURHOOD, lat: -34.038, lng: 18.679 }],
          },
        ],
      },
      {
        name: 'KwaZulu-Natal',
        kind: RegionKind.STATE,
        iso: 'ZA-KZN',
        lat: -28.5306,
        lng: 30.8958,
        children: [{ name: 'Durban', kind: RegionKind.CITY, lat: -29.8587, lng: 31.0218 }],
      },
    ],
  },
  {
    name: 'Trinidad and Tobago',
    kind: RegionKind.COUNTRY,
    iso: 'TT',
    lat: 10.6918,
    lng: -61.2225,
    tz: 'America/Port_of_Spain',
    children: [
      {
        name: 'Port of Spain',
        kind: RegionKind.STATE,
        iso: 'TT-POS',
        lat: 10.66,
        lng: -61.51,
        children: [{ name: 'Port of Spain', kind: RegionKind.CITY, lat: 10.6549, lng: -61.5019 }],
      },
      {
        name: 'San Fernando',
        kind: RegionKind.STATE,
        iso: 'TT-SFO',
        lat: 10.28,
        lng: -61.46,
        children: [{ name: 'San Fernando', kind: RegionKind.CITY, lat: 10.2797, lng: -61.4589 }],
      },
    ],
  },
  {
    name: 'United Kingdom',
    kind: RegionKind.COUNTRY,
    iso: 'GB',
    lat: 55.3781,
    lng: -3.436,
    tz: 'Europe/London',
    children: [
      {
        name: 'England',
        kind: RegionKind.STATE,
        iso: 'GB-ENG',
        lat: 52.3555,
        lng: -1.1743,
        children: [
          {
            name: 'London',
            kind: RegionKind.CITY,
            lat: 51.5074,
            lng: -0.1278,
            children: [
              { name: 'Brixton', kind: RegionKind.NEIGHBOURHOOD, lat: 51.4613, lng: -0.1156 },
              { name: 'Peckham', kind: RegionKind.NEIGHBOURHOOD, lat: 51.474, lng: -0.0691 },
              { name: 'Tottenham', kind: RegionKind.NEIGHBOURHOOD, lat: 51.588, lng: -0.072 },
              { name: 'Hackney', kind: RegionKind.NEIGHBOURHOOD, lat: 51.545, lng: -0.0553 },
              { name: 'Croydon', kind: RegionKind.NEIGHBOURHOOD, lat: 51.3762, lng: -0.0982 },
            ],
          },
          { name: 'Birmingham', kind: RegionKind.CITY, lat: 52.4862, lng: -1.8904 },
          { name: 'Manchester', kind: RegionKind.CITY, lat: 53.4808, lng: -2.2426 },
          { name: 'Bristol', kind: RegionKind.CITY, lat: 51.4545, lng: -2.5879 },
        ],
      },
      {
        name: 'Scotland',
        kind: RegionKind.STATE,
        iso: 'GB-SCT',
        lat: 56.4907,
        lng: -4.2026,
        children: [{ name: 'Glasgow', kind: RegionKind.CITY, lat: 55.8642, lng: -4.2518 }],
      },
      {
        name: 'Wales',
        kind: RegionKind.STATE,
        iso: 'GB-WLS',
        lat: 52.1307,
        lng: -3.7837,
        children: [{ name: 'Cardiff', kind: RegionKind.CITY, lat: 51.4816, lng: -3.1791 }],
      },
    ],
  },
  {
    name: 'United States',
    kind: RegionKind.COUNTRY,
    iso: 'US',
    lat: 37.0902,
    lng: -95.7129,
    children: [
      {
        name: 'California',
        kind: RegionKind.STATE,
        iso: 'US-CA',
        lat: 36.7783,
        lng: -119.4179,
        tz: 'America/Los_Angeles',
        children: [
          {
            name: 'Los Angeles',
            kind: RegionKind.CITY,
            lat: 34.0522,
            lng: -118.2437,
            children: [{ name: 'Leimert Park', kind: RegionKind.NEIGHBOURHOOD, lat: 34.0089, lng: -118.3316 }],
          },
          { name: 'Oakland', kind: RegionKind.CITY, lat: 37.8044, lng: -122.2712 },
        ],
      },
      {
        name: 'District of Columbia',
        kind: RegionKind.STATE,
        iso: 'US-DC',
        lat: 38.9072,
        lng: -77.0369,
        tz: 'America/New_York',
        children: [
          {
            name: 'Washington',
            kind: RegionKind.CITY,
            lat: 38.9072,
            lng: -77.0369,
            children: [{ name: 'Anacostia', kind: RegionKind.NEIGHBOURHOOD, lat: 38.8623, lng: -76.9853 }],
          },
        ],
      },
      {
        name: 'Georgia',
        kind: RegionKind.STATE,
        iso: 'US-GA',
        lat: 32.1656,
        lng: -82.9001,
        tz: 'America/New_York',
        children: [
          {
            name: 'Atlanta',
            kind: RegionKind.CITY,
            lat: 33.749,
            lng: -84.388,
            children: [
              { name: 'Midtown', kind: RegionKind.NEIGHBOURHOOD, lat: 33.7838, lng: -84.383 },
              { name: 'West End', kind: RegionKind.NEIGHBOURHOOD, lat: 33.736, lng: -84.413 },
            ],
          },
        ],
      },
      {
        name: 'Illinois',
        kind: RegionKind.STATE,
        iso: 'US-IL',
        lat: 40.6331,
        lng: -89.3985,
        tz: 'America/Chicago',
        children: [
          {
            name: 'Chicago',
            kind: RegionKind.CITY,
            lat: 41.8781,
            lng: -87.6298,
            children: [
              { name: 'Bronzeville', kind: RegionKind.NEIGHBOURHOOD, lat: 41.824, lng: -87.617 },
              { name: 'Hyde Park', kind: RegionKind.NEIGHBOURHOOD, lat: 41.7943, lng: -87.5907 },
            ],
          },
        ],
      },
      {
        name: 'Maryland',
        kind: RegionKind.STATE,
        iso: 'US-MD',
        lat: 39.0458,
        lng: -76.6413,
        tz: 'America/New_York',
        children: [{ name: 'Baltimore', kind: RegionKind.CITY, lat: 39.2904, lng: -76.6122 }],
      },
      {
        name: 'New York',
        kind: RegionKind.STATE,
        iso: 'US-NY',
        lat: 43.2994,
        lng: -74.2179,
        tz: 'America/New_York',
        children: [
          {
            name: 'New York City',
            kind: RegionKind.CITY,
            lat: 40.7128,
            lng: -74.006,
            children: [
              { name: 'Brooklyn', kind: RegionKind.NEIGHBOURHOOD, lat: 40.6782, lng: -73.9442 },
              { name: 'Harlem', kind: RegionKind.NEIGHBOURHOOD, lat: 40.8116, lng: -73.9465 },
              { name: 'The Bronx', kind: RegionKind.NEIGHBOURHOOD, lat: 40.8448, lng: -73.8648 },
              { name: 'Queens', kind: RegionKind.NEIGHBOURHOOD, lat: 40.7282, lng: -73.7949 },
            ],
          },
        ],
      },
      {
        name: 'Texas',
        kind: RegionKind.STATE,
        iso: 'US-TX',
        lat: 31.9686,
        lng: -99.9018,
        tz: 'America/Chicago',
        children: [
          {
            name: 'Houston',
            kind: RegionKind.CITY,
            lat: 29.7604,
            lng: -95.3698,
            children: [{ name: 'Third Ward', kind: RegionKind.NEIGHBOURHOOD, lat: 29.733, lng: -95.36 }],
          },
          { name: 'Dallas', kind: RegionKind.CITY, lat: 32.7767, lng: -96.797 },
        ],
      },
    ],
  },
];
