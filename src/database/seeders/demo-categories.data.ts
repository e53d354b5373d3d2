/** One top-level category with its leaves; slugs are derived from the names by the seeder. */
export interface CategorySeed {
  readonly name: string;
  readonly children: readonly string[];
}

/** The two-level taxonomy of business kinds listed in the directory. */
export const DEMO_CATEGORIES: readonly CategorySeed[] = [
  { name: 'Food & drink', children: ['Restaurant', 'Café', 'Bakery', 'Bar', 'Caterer', 'Food truck', 'Grocery'] },
  { name: 'Beauty & wellness', children: ['Hair salon', 'Barber', 'Braiding', 'Spa', 'Nail salon', 'Fitness studio'] },
  { name: 'Professional services', children: ['Accountant', 'Lawyer', 'Consultant', 'Architect', 'Translator', 'Real estate agent'] },
  {
    name: 'Technology',
    children: ['Software development', 'IT support', 'Web design', 'Data & analytics', 'Coworking space', 'Repair shop'],
  },
  { name: 'Creative & media', children: ['Photographer', 'Videographer', 'Graphic design', 'Recording studio', 'Print shop'] },
  { name: 'Retail', children: ['Bookshop', 'Clothing', 'Art & crafts', 'Hair & beauty supplies', 'Electronics'] },
  { name: 'Health', children: ['Pharmacy', 'Dentist', 'Clinic', 'Therapist', 'Optician'] },
  { name: 'Education', children: ['Tutoring', 'Coding school', 'Language school', 'Childcare'] },
  { name: 'Events & venues', children: ['Event venue', 'Event planner', 'DJ', 'Equipment rental'] },
  { name: 'Home & trades', children: ['Cleaning', 'Electrician', 'Plumber', 'Builder', 'Moving'] },
  { name: 'Transport', children: ['Taxi & rides', 'Courier', 'Car repair'] },
];
