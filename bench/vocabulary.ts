/** Word lists for the bench data set: names that text search can find, and plausible descriptions. */

// prettier-ignore
export const FIRST_NAMES = [
  'Ade', 'Adaeze', 'Abebe', 'Aisha', 'Akosua', 'Amara', 'Ama', 'Andre', 'Baraka', 'Chidi', 'Chinwe', 'Darnell', 'Desta', 'Ebony',
  'Efua', 'Emeka', 'Esi', 'Fatou', 'Folake', 'Imani', 'Jabari', 'Jamal', 'Jean', 'Kemi', 'Keisha', 'Kofi', 'Kwame', 'Lerato',
  'Malik', 'Marcus', 'Maya', 'Mbali', 'Moussa', 'Naledi', 'Nia', 'Nkechi', 'Nomvula', 'Obi', 'Olu', 'Precious', 'Rashida', 'Sade',
  'Sipho', 'Tariq', 'Temi', 'Thandi', 'Tunde', 'Wanjiru', 'Yaw', 'Yetunde', 'Zawadi', 'Zola', 'Ayo', 'Kalia', 'Renée', 'Joël',
  'Zoë', 'Inês',
] as const;

// prettier-ignore
export const LAST_NAMES = [
  'Adeyemi', 'Asante', 'Baptiste', 'Bello', 'Boateng', 'Campbell', 'Diallo', 'Dlamini', 'Eze', 'François', 'Gordon', 'Haile',
  'Jackson', 'Johnson', 'Kamau', 'Kariuki', 'Mensah', 'Mbeki', 'Mohammed', 'Moreira', 'Ndlovu', 'Njoroge', 'Nwosu', 'Obi',
  'Odhiambo', 'Okafor', 'Okonkwo', 'Osei', 'Owusu', 'Pierre', 'Robinson', 'Santos', 'Sow', 'Tesfaye', 'Thomas', 'Toussaint',
  'Wanjiku', 'Washington', 'Williams', 'Yeboah', 'Zulu', 'Achebe', 'Alves', 'Clarke', 'Da Silva', 'Mutua', 'Nkosi',
] as const;

// prettier-ignore
export const ADJECTIVES = [
  'Golden', 'Royal', 'Sunrise', 'Unity', 'Heritage', 'Harmony', 'Ebony', 'Baobab', 'Kente', 'Sankofa', 'Ubuntu', 'Blue Nile',
  'Mango', 'Palm', 'Coconut', 'Lion', 'Savannah', 'Hibiscus', 'Cowrie', 'Ivory Coast', 'Afrobeat', 'Diaspora', 'Village', 'Corner',
  'Uptown', 'Downtown', 'Brightside', 'Evergreen', 'Northstar', 'Zion', 'Bright Future', 'Mama', 'Papa', 'Little',
] as const;

/** Words a listing of each leaf category is named with, by the category's name in demo-categories.data.ts. */
export const NOUNS_BY_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  Restaurant: ['Kitchen', 'Grill', 'Eatery', 'Restaurant', 'Chop House', 'Bistro', 'Suya Spot', 'Jollof House', 'Soul Food Kitchen'],
  Café: ['Café', 'Coffee', 'Coffee House', 'Espresso Bar', 'Tea Room', 'Café & Books'],
  Bakery: ['Bakery', 'Bakehouse', 'Bread Co.', 'Patisserie', 'Cakes & Bakery', 'Bakery & Café'],
  Bar: ['Bar', 'Lounge', 'Tavern', 'Rum Shop', 'Cocktail Bar'],
  Caterer: ['Catering', 'Kitchen', 'Events Kitchen', 'Caterers'],
  'Food truck': ['Food Truck', 'Street Kitchen', 'Grill on Wheels', 'Street Food'],
  Grocery: ['Market', 'Grocery', 'Provisions', 'African Store', 'Caribbean Foods'],
  'Hair salon': ['Hair Salon', 'Salon', 'Hair Studio', 'Curls', 'Natural Hair Salon'],
  Barber: ['Barber', 'Barbershop', 'Cuts', 'Fade Studio', 'Barbers'],
  Braiding: ['Braids', 'Braiding Studio', 'Braid Bar', 'Locs & Braids', 'Braiding Salon'],
  Spa: ['Spa', 'Wellness', 'Day Spa', 'Spa & Salon'],
  'Nail salon': ['Nails', 'Nail Bar', 'Nail Studio', 'Nail Salon'],
  'Fitness studio': ['Fitness', 'Gym', 'Fitness Studio', 'Yoga Studio', 'Dance Studio'],
  Accountant: ['Accounting', 'Tax & Books', 'Accountants', 'Bookkeeping'],
  Lawyer: ['Law', 'Legal', 'Law Office', 'Attorneys'],
  Consultant: ['Consulting', 'Advisory', 'Consultants', 'Partners', 'Business Consulting'],
  Architect: ['Architects', 'Design Studio', 'Architecture'],
  Translator: ['Translations', 'Language Services', 'Interpreting'],
  'Real estate agent': ['Realty', 'Properties', 'Homes', 'Real Estate'],
  'Software development': ['Tech', 'Software', 'Labs', 'Digital', 'Code Studio', 'Tech Studio'],
  'IT support': ['IT', 'Tech Support', 'IT Solutions', 'Tech Services'],
  'Web design': ['Web Studio', 'Web Design', 'Digital Studio'],
  'Data & analytics': ['Analytics', 'Data Labs', 'Insights', 'Data Consulting'],
  'Coworking space': ['Hub', 'Coworking', 'Workspace', 'Tech Hub'],
  'Repair shop': ['Repairs', 'Phone Repair', 'Fix-It Shop', 'Tech Repair'],
  Photographer: ['Photography', 'Photo Studio', 'Pictures'],
  Videographer: ['Films', 'Video Studio', 'Media'],
  'Graphic design': ['Design', 'Creative Studio', 'Graphics'],
  'Recording studio': ['Recording Studio', 'Sound Studio', 'Records'],
  'Print shop': ['Print', 'Printing', 'Print Shop'],
  Bookshop: ['Books', 'Bookshop', 'Readers'],
  Clothing: ['Fashion', 'Clothing', 'Boutique', 'Threads', 'Tailoring'],
  'Art & crafts': ['Crafts', 'Art Gallery', 'Artisans'],
  'Hair & beauty supplies': ['Beauty Supply', 'Hair Supplies', 'Cosmetics'],
  Electronics: ['Electronics', 'Gadgets', 'Mobile Shop'],
  Pharmacy: ['Pharmacy', 'Chemist', 'Drugstore'],
  Dentist: ['Dental', 'Dental Clinic', 'Smiles'],
  Clinic: ['Clinic', 'Medical Centre', 'Health Centre'],
  Therapist: ['Therapy', 'Counselling', 'Wellness Practice'],
  Optician: ['Optics', 'Opticians', 'Eye Care'],
  Tutoring: ['Tutoring', 'Tutors', 'Learning Centre'],
  'Coding school': ['Code Academy', 'Coding School', 'Bootcamp', 'Tech Academy'],
  'Language school': ['Language School', 'Languages', 'Language Academy'],
  Childcare: ['Daycare', 'Childcare', 'Kids Club', 'Nursery'],
  'Event venue': ['Hall', 'Event Centre', 'Venue', 'Gardens'],
  'Event planner': ['Events', 'Event Planning', 'Occasions'],
  DJ: ['Sounds', 'DJ Services', 'Sound System'],
  'Equipment rental': ['Rentals', 'Hire', 'Equipment Hire'],
  Cleaning: ['Cleaning', 'Cleaners', 'Clean Team'],
  Electrician: ['Electrical', 'Electricians', 'Power Solutions'],
  Plumber: ['Plumbing', 'Plumbers'],
  Builder: ['Builders', 'Construction', 'Building Works'],
  Moving: ['Movers', 'Removals', 'Moving Co.'],
  'Taxi & rides': ['Taxis', 'Rides', 'Cabs'],
  Courier: ['Courier', 'Express Delivery', 'Dispatch'],
  'Car repair': ['Auto Repair', 'Garage', 'Motors', 'Mechanics'],
};

/** How common each top-level category is, by its name. */
export const TOP_CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  'Food & drink': 25,
  'Beauty & wellness': 15,
  'Professional services': 10,
  Technology: 10,
  'Creative & media': 6,
  Retail: 10,
  Health: 6,
  Education: 5,
  'Events & venues': 4,
  'Home & trades': 6,
  Transport: 3,
};

/** What a listing of each top-level category says about itself. */
export const PITCHES_BY_TOP_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  'Food & drink': [
    'Fresh bread, pastries and celebration cakes baked every morning.',
    'Home-style cooking from the grill and the kitchen, jollof and suya on weekends.',
    'Coffee roasted in small batches, with a quiet corner to work.',
    'West African and Caribbean dishes, catering for weddings and parties.',
  ],
  'Beauty & wellness': [
    'Braids, locs, twists and natural hair care by experienced stylists.',
    'Classic cuts, fades and beard trims; walk-ins welcome.',
    'Massage, facials and a calm place to unwind.',
    'Group classes and personal training for every level.',
  ],
  'Professional services': [
    'Bookkeeping, tax returns and advice for small businesses.',
    'Consulting for founders: strategy, funding and operations.',
    'Contracts, immigration and property law explained plainly.',
  ],
  Technology: [
    'Web and mobile apps built by a remote-friendly team of developers.',
    'IT support for homes and small offices, same-day repairs.',
    'A coworking space and tech hub with meetups every month.',
    'Data engineering, dashboards and analytics consulting.',
  ],
  'Creative & media': [
    'Portraits, weddings and product photography in our studio or on location.',
    'Music recording, mixing and mastering in a professional studio.',
    'Branding, logos and print design for local businesses.',
  ],
  Retail: [
    'Books by Black authors, children’s books and a reading corner.',
    'Made-to-measure clothing, ankara prints and alterations.',
    'Hair extensions, wigs and beauty supplies at fair prices.',
  ],
  Health: [
    'Friendly family practice, evening appointments available.',
    'Prescriptions, health checks and advice from our pharmacists.',
    'Counselling and therapy in English, French and Yoruba.',
  ],
  Education: [
    'After-school tutoring in maths, science and languages.',
    'Coding bootcamp for beginners: web development in twelve weeks.',
    'Bilingual childcare with a garden and healthy meals.',
  ],
  'Events & venues': [
    'A hall for weddings, naming ceremonies and conferences.',
    'Sound system, lighting and DJ for parties of every size.',
    'Event planning from the first idea to the last guest.',
  ],
  'Home & trades': [
    'Licensed electricians and plumbers, emergency call-outs.',
    'Home and office cleaning, weekly or one-off.',
    'Builders for extensions, kitchens and renovations.',
  ],
  Transport: [
    'Airport rides and city taxis, booked by phone or app.',
    'Same-day courier and dispatch across the city.',
    'Car repair, servicing and tyres by trusted mechanics.',
  ],
};

export const DESCRIPTION_OPENERS = [
  'Family-run',
  'Community-owned',
  'Independent',
  'Black-owned',
  'Neighbourhood',
  'Award-winning',
  'Friendly',
];

// prettier-ignore
export const TAG_VOCABULARY = [
  'vegan', 'halal', 'family-owned', 'black-owned', 'women-led', 'delivery', 'takeaway', 'wifi', 'wheelchair-accessible',
  'late-night', 'organic', 'kid-friendly', 'afro-caribbean', 'natural-hair', 'open-source', 'remote-friendly', 'card-payments',
  'mobile-money', 'free-parking', 'outdoor-seating', 'appointments', 'walk-ins', 'bilingual', 'eco-friendly',
] as const;

// prettier-ignore
export const STREETS = [
  'Market', 'High', 'Church', 'Station', 'Victoria', 'Independence', 'Liberty', 'Garvey', 'Mandela', 'Freedom', 'Palm', 'Harbour',
  'Main', 'Broad', 'King', 'Queen', 'Park', 'Mill', 'Unity', 'Nkrumah',
] as const;
