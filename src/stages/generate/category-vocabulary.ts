// What the shop sells, as words: categories with their own size, growth and season, the
// subcategories and search terms shoppers use, brands, and the things people look for that
// the shop does not sell (the demand gaps the retail copilot should find).

export interface Subcategory {
  readonly name: string;
  /** Lower-case search terms that find this subcategory; the first is the product noun. */
  readonly terms: readonly string[];
  readonly medianUsd: number;
}

export interface Category {
  readonly name: string;
  /** Share of orders on the first day of history. */
  readonly share: number;
  /** Yearly growth (0.3 = +30 % a year). */
  readonly growth: number;
  /** Day of year of the category's own peak, and how strong it is. */
  readonly peakDay: number;
  readonly peakBoost: number;
  /** Relative popularity per region (NA, EMEA, APAC, LATAM). */
  readonly regionBias: readonly [number, number, number, number];
  readonly brands: readonly string[];
  readonly subcategories: readonly Subcategory[];
}

const sub = (name: string, medianUsd: number, ...terms: string[]): Subcategory => ({
  name,
  terms,
  medianUsd,
});

export const CATEGORIES: readonly Category[] = [
  {
    name: 'electronics',
    share: 0.24,
    growth: 0.12,
    peakDay: 330,
    peakBoost: 0.6,
    regionBias: [1, 0.9, 1.4, 0.9],
    brands: ['Sonex', 'Voltra', 'Aperion', 'Kyro', 'Lumetrix', 'Nordwave'],
    subcategories: [
      sub('headphones', 89, 'wireless headphones', 'earbuds', 'noise cancelling headphones'),
      sub('phones', 420, 'smartphone', 'phone case', 'usb c charger'),
      sub('laptops', 950, 'laptop', 'laptop stand', 'usb c hub'),
      sub('tv', 640, 'smart tv', 'soundbar', 'hdmi cable'),
      sub('cameras', 520, 'mirrorless camera', 'action camera', 'sd card'),
    ],
  },
  {
    name: 'home',
    share: 0.16,
    growth: 0.1,
    peakDay: 340,
    peakBoost: 0.35,
    regionBias: [1, 1.1, 0.8, 0.9],
    brands: ['Casavia', 'Hearthly', 'Nido', 'Brightloom', 'Oakhaus'],
    subcategories: [
      sub('kitchen', 65, 'air fryer', 'coffee maker', 'blender', 'knife set'),
      sub('furniture', 210, 'desk chair', 'bookshelf', 'standing desk'),
      sub('bedding', 55, 'duvet', 'pillow', 'bed sheets'),
      sub('decor', 35, 'table lamp', 'scented candle', 'picture frame'),
    ],
  },
  {
    name: 'fashion',
    share: 0.18,
    growth: 0.06,
    peakDay: 335,
    peakBoost: 0.3,
    regionBias: [0.9, 1.1, 0.9, 1.4],
    brands: ['Velour', 'Northpeak', 'Urbano', 'Lark & Co', 'Stitchwell'],
    subcategories: [
      sub('shoes', 85, 'running shoes', 'sneakers', 'boots'),
      sub('apparel', 40, 't shirt', 'jeans', 'hoodie', 'summer dress'),
      sub('accessories', 60, 'backpack', 'sunglasses', 'watch'),
    ],
  },
  {
    name: 'beauty',
    share: 0.1,
    growth: 0.22,
    peakDay: 45,
    peakBoost: 0.25,
    regionBias: [0.9, 1, 1.3, 1.2],
    brands: ['Glowe', 'Purelle', 'Maison Iris', 'Dermaline'],
    subcategories: [
      sub('skincare', 28, 'moisturizer', 'sunscreen', 'vitamin c serum'),
      sub('makeup', 22, 'lipstick', 'mascara', 'foundation'),
      sub('hair', 35, 'shampoo', 'hair dryer', 'hair straightener'),
      sub('fragrance', 70, 'perfume', 'eau de toilette'),
    ],
  },
  {
    name: 'sports',
    share: 0.09,
    growth: 0.15,
    peakDay: 160,
    peakBoost: 0.4,
    regionBias: [1.1, 1, 0.8, 1],
    brands: ['Stridex', 'Summitra', 'Kinetic', 'Trailborn'],
    subcategories: [
      sub('fitness', 45, 'yoga mat', 'dumbbells', 'resistance bands'),
      sub('outdoor', 120, 'tent', 'hiking boots', 'sleeping bag'),
      sub('cycling', 60, 'bike helmet', 'bike lights', 'cycling gloves'),
      sub('team sports', 30, 'football', 'basketball', 'shin guards'),
    ],
  },
  {
    name: 'toys',
    share: 0.07,
    growth: 0.04,
    peakDay: 350,
    peakBoost: 1.6,
    regionBias: [1.1, 1, 0.9, 1],
    brands: ['Blockhop', 'Tinkerly', 'Playnest', 'Wonderkit'],
    subcategories: [
      sub('building', 45, 'building blocks', 'construction set'),
      sub('puzzles', 20, 'puzzle 1000 pieces', 'jigsaw puzzle'),
      sub('games', 30, 'board game', 'card game'),
      sub('rc', 70, 'rc car', 'drone for kids'),
    ],
  },
  {
    name: 'books',
    share: 0.06,
    growth: -0.06,
    peakDay: 350,
    peakBoost: 0.5,
    regionBias: [1, 1.2, 0.8, 0.7],
    brands: ['Penwright Press', 'Harbor Books', 'Quillstone'],
    subcategories: [
      sub('fiction', 15, 'novel', 'thriller', 'fantasy book'),
      sub('nonfiction', 22, 'cookbook', 'biography', 'self help book'),
      sub('kids books', 12, 'picture book', 'childrens book'),
    ],
  },
  {
    name: 'grocery',
    share: 0.1,
    growth: 0.32,
    peakDay: 355,
    peakBoost: 0.2,
    regionBias: [1, 1, 1.1, 0.9],
    brands: ['Fieldstone', 'Daily Harvest', 'Bruno Roastery', 'Greenleaf'],
    subcategories: [
      sub('coffee', 14, 'coffee beans', 'ground coffee', 'espresso pods'),
      sub('snacks', 6, 'protein bar', 'potato chips', 'dark chocolate'),
      sub('tea', 9, 'green tea', 'matcha'),
      sub('pantry', 11, 'olive oil', 'pasta', 'peanut butter'),
    ],
  },
];

export interface DemandGap {
  readonly query: string;
  /** Where the shop could start selling it. */
  readonly suggestedCategory: string;
  /** Yearly growth of how often it is searched. */
  readonly growth: number;
}

/** Searched for, never sold: these searches find nothing. */
export const DEMAND_GAPS: readonly DemandGap[] = [
  { query: 'dog food', suggestedCategory: 'pets', growth: 0.5 },
  { query: 'cat litter', suggestedCategory: 'pets', growth: 0.4 },
  { query: 'dog bed', suggestedCategory: 'pets', growth: 0.3 },
  { query: 'car tires', suggestedCategory: 'automotive', growth: 0.1 },
  { query: 'garden hose', suggestedCategory: 'garden', growth: 0.2 },
  { query: 'lawn mower', suggestedCategory: 'garden', growth: 0.15 },
  { query: 'baby stroller', suggestedCategory: 'baby', growth: 0.25 },
  { query: 'diapers', suggestedCategory: 'baby', growth: 0.3 },
  { query: 'power drill', suggestedCategory: 'tools', growth: 0.1 },
  { query: 'printer ink', suggestedCategory: 'office', growth: -0.1 },
  { query: 'acoustic guitar', suggestedCategory: 'music', growth: 0.05 },
  { query: 'vinyl records', suggestedCategory: 'music', growth: 0.2 },
];

export const QUERY_PREFIXES = ['cheap', 'best', 'black', 'kids', 'mens', 'womens', 'mini', 'pro'] as const;
export const QUERY_SUFFIXES = ['sale', 'for men', 'for women', 'gift', '2026', 'deal'] as const;
export const PRODUCT_ADJECTIVES = [
  'Pro',
  'Lite',
  'Max',
  'Classic',
  'Air',
  'Plus',
  'Eco',
  'Ultra',
  'Mini',
  'Studio',
] as const;
