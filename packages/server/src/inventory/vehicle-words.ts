import type { BodyStyle, Drivetrain, FuelType, VehicleStatus } from '@avataradam/sdk/protocol'

// How feeds write a vehicle's values, in English and Spanish: each list is matched as words in
// the feed's text (folded), first list first. Data, not code: add spellings here.

// biome-ignore format: word lists read best packed, as written
export const BODY_STYLE_WORDS: readonly (readonly [BodyStyle, readonly string[]])[] = [
  ['minivan', ['minivan', 'mini van', 'mini-van', 'passenger van', 'minivans']],
  ['van', ['cargo van', 'van', 'vans', 'furgoneta']],
  ['truck', ['pickup', 'pick up', 'pick-up', 'truck', 'trucks', 'crew cab', 'crewcab', 'supercrew',
    'supercab', 'double cab', 'quad cab', 'extended cab', 'regular cab', 'crewmax', 'access cab',
    'king cab', 'club cab', 'mega cab', 'troca', 'camion']],
  ['suv', ['suv', 'suvs', 'sport utility', 'sport-utility', 'crossover', 'cuv', 'utility',
    'camioneta', '4dr suv', 'sport utility vehicle']],
  ['convertible', ['convertible', 'cabriolet', 'roadster', 'spyder', 'spider']],
  ['wagon', ['wagon', 'station wagon', 'estate', 'sportwagen']],
  ['hatchback', ['hatchback', 'hatch', '5dr hatchback', '3dr hatchback', 'liftback']],
  ['coupe', ['coupe', 'cupe', '2dr', '2 door', '2-door']],
  ['sedan', ['sedan', '4dr sedan', '4 door sedan', 'saloon', '4dr', '4 door', '4-door']],
]

export const DRIVETRAIN_WORDS: readonly (readonly [Drivetrain, readonly string[]])[] = [
  [
    'awd',
    [
      'awd',
      'all wheel drive',
      'all-wheel drive',
      'all-wheel-drive',
      '4motion',
      'quattro',
      'xdrive',
      'sh-awd',
      '4matic',
      'all wheel',
      'e-four',
      'symmetrical awd',
      'traccion integral',
    ],
  ],
  [
    '4wd',
    [
      '4wd',
      '4x4',
      'four wheel drive',
      '4-wheel drive',
      'four-wheel drive',
      '4 wheel drive',
      'four wheel',
      '4 wd',
    ],
  ],
  ['fwd', ['fwd', 'front wheel drive', 'front-wheel drive', 'front wheel', 'traccion delantera']],
  [
    'rwd',
    ['rwd', 'rear wheel drive', 'rear-wheel drive', 'rear wheel', '2wd', '4x2', 'traccion trasera'],
  ],
]

export const FUEL_WORDS: readonly (readonly [FuelType, readonly string[]])[] = [
  [
    'plug-in hybrid',
    ['plug-in hybrid', 'plug in hybrid', 'phev', 'plug-in', 'prime', 'hibrido enchufable'],
  ],
  ['hybrid', ['hybrid', 'hev', 'hibrido', 'gas/electric', 'gasoline/electric']],
  ['electric', ['electric', 'ev', 'bev', 'battery electric', 'electrico', 'all-electric']],
  ['diesel', ['diesel', 'turbodiesel', 'duramax', 'powerstroke', 'cummins']],
  [
    'gas',
    [
      'gasoline',
      'gas',
      'unleaded',
      'flex fuel',
      'flex-fuel',
      'e85',
      'regular',
      'premium',
      'gasolina',
    ],
  ],
]

export const STATUS_WORDS: readonly (readonly [VehicleStatus, readonly string[]])[] = [
  ['sold', ['sold', 'delivered', 'vendido', 'vendida', 'not available', 'unavailable']],
  [
    'pending',
    [
      'pending',
      'sale pending',
      'on hold',
      'hold',
      'deposit',
      'deposit taken',
      'reserved',
      'pendiente',
      'apartado',
      'reservado',
    ],
  ],
  [
    'in transit',
    [
      'in transit',
      'transit',
      'incoming',
      'arriving',
      'on order',
      'en camino',
      'en transito',
      'coming soon',
    ],
  ],
  [
    'available',
    [
      'available',
      'in stock',
      'for sale',
      'active',
      'on lot',
      'instock',
      'disponible',
      'en existencia',
      'ready',
    ],
  ],
]

/** Colour families, with the words of paint names that place a colour in them, strongest first. */
export const COLOR_FAMILIES: readonly (readonly [string, readonly string[]])[] = [
  [
    'red',
    [
      'red',
      'ruby',
      'crimson',
      'maroon',
      'burgundy',
      'cherry',
      'scarlet',
      'garnet',
      'cayenne',
      'rojo',
      'roja',
      'vino',
      'merlot',
      'candy apple',
    ],
  ],
  [
    'blue',
    ['blue', 'navy', 'azure', 'cobalt', 'sapphire', 'blueprint', 'azul', 'indigo', 'aqua', 'teal'],
  ],
  ['green', ['green', 'emerald', 'olive', 'verde', 'jade', 'lime', 'army']],
  ['orange', ['orange', 'naranja', 'copper', 'sunset']],
  ['yellow', ['yellow', 'amarillo', 'lemon']],
  ['purple', ['purple', 'violet', 'plum', 'morado']],
  ['gold', ['gold', 'dorado']],
  ['brown', ['brown', 'bronze', 'mocha', 'espresso', 'chestnut', 'cafe', 'marron', 'coffee']],
  ['beige', ['beige', 'tan', 'sand', 'champagne', 'cream', 'khaki']],
  ['black', ['black', 'ebony', 'onyx', 'obsidian', 'jet', 'negro', 'negra', 'raven']],
  ['silver', ['silver', 'plata', 'plateado', 'platinum', 'quicksilver', 'sterling', 'chrome']],
  [
    'gray',
    [
      'gray',
      'grey',
      'gunmetal',
      'graphite',
      'charcoal',
      'slate',
      'magnetic',
      'gris',
      'cement',
      'steel',
      'titanium',
      'lunar',
      'storm',
      'smoke',
      'ash',
      'granite',
    ],
  ],
  [
    'white',
    [
      'white',
      'ivory',
      'snow',
      'blanco',
      'blanca',
      'alabaster',
      'pearl',
      'frost',
      'glacier',
      'ice',
      'wind chill',
      'super white',
      'arctic',
    ],
  ],
]

/**
 * Makes visitors ask for, with the names they use ("Chevy"), so a question about a make the
 * dealership does not carry ("any Teslas?") is recognised and answered as such.
 */
// biome-ignore format: word lists read best packed, as written
export const MAKES: Record<string, readonly string[]> = {
  Acura: ['acura'], 'Alfa Romeo': ['alfa romeo', 'alfa'], 'Aston Martin': ['aston martin'],
  Audi: ['audi'], Bentley: ['bentley'], BMW: ['bmw', 'beemer', 'bimmer'], Buick: ['buick'],
  Cadillac: ['cadillac', 'caddy'], Chevrolet: ['chevrolet', 'chevy', 'chev'],
  Chrysler: ['chrysler'], Dodge: ['dodge'], Ferrari: ['ferrari'], Fiat: ['fiat'],
  Ford: ['ford'], Genesis: ['genesis'], GMC: ['gmc'], Honda: ['honda'], Hyundai: ['hyundai'],
  Infiniti: ['infiniti', 'infinity'], Jaguar: ['jaguar', 'jag'], Jeep: ['jeep'], Kia: ['kia'],
  Lamborghini: ['lamborghini'], 'Land Rover': ['land rover', 'range rover'], Lexus: ['lexus'],
  Lincoln: ['lincoln'], Lucid: ['lucid'], Maserati: ['maserati'], Mazda: ['mazda'],
  'Mercedes-Benz': ['mercedes-benz', 'mercedes benz', 'mercedes', 'benz', 'mercedez'],
  Mini: ['mini', 'mini cooper'], Mitsubishi: ['mitsubishi'], Nissan: ['nissan'],
  Polestar: ['polestar'], Porsche: ['porsche'], Ram: ['ram'], Rivian: ['rivian'],
  'Rolls-Royce': ['rolls-royce', 'rolls royce'], Subaru: ['subaru'], Tesla: ['tesla'],
  Toyota: ['toyota'], Volkswagen: ['volkswagen', 'vw', 'volks'], Volvo: ['volvo'],
  Scion: ['scion'], Saturn: ['saturn'], Pontiac: ['pontiac'], Hummer: ['hummer'],
  Smart: ['smart'], Suzuki: ['suzuki'], Isuzu: ['isuzu'], Mercury: ['mercury'],
}

/**
 * Models by make with their body style: a feed without a body column still sorts its vehicles,
 * and "do you have a Model Y?" is known to be a Tesla the lot may not have.
 */
// biome-ignore format: word lists read best packed, as written
export const MODELS: Record<string, string> = {
  // Toyota
  'Toyota Corolla': 'sedan', 'Toyota Camry': 'sedan', 'Toyota Avalon': 'sedan', 'Toyota Prius': 'hatchback',
  'Toyota Crown': 'sedan', 'Toyota GR86': 'coupe', 'Toyota Supra': 'coupe', 'Toyota RAV4': 'suv',
  'Toyota Corolla Cross': 'suv', 'Toyota Highlander': 'suv', 'Toyota Grand Highlander': 'suv',
  'Toyota 4Runner': 'suv', 'Toyota Sequoia': 'suv', 'Toyota Land Cruiser': 'suv', 'Toyota Venza': 'suv',
  'Toyota bZ4X': 'suv', 'Toyota C-HR': 'suv', 'Toyota Tacoma': 'truck', 'Toyota Tundra': 'truck',
  'Toyota Sienna': 'minivan', 'Toyota Yaris': 'sedan',
  // Honda
  'Honda Civic': 'sedan', 'Honda Accord': 'sedan', 'Honda Fit': 'hatchback', 'Honda Insight': 'sedan',
  'Honda HR-V': 'suv', 'Honda CR-V': 'suv', 'Honda Passport': 'suv', 'Honda Pilot': 'suv',
  'Honda Prologue': 'suv', 'Honda Ridgeline': 'truck', 'Honda Odyssey': 'minivan',
  // Nissan
  'Nissan Versa': 'sedan', 'Nissan Sentra': 'sedan', 'Nissan Altima': 'sedan', 'Nissan Maxima': 'sedan',
  'Nissan Leaf': 'hatchback', 'Nissan Kicks': 'suv', 'Nissan Rogue': 'suv', 'Nissan Rogue Sport': 'suv',
  'Nissan Murano': 'suv', 'Nissan Pathfinder': 'suv', 'Nissan Armada': 'suv', 'Nissan Ariya': 'suv',
  'Nissan Frontier': 'truck', 'Nissan Titan': 'truck', 'Nissan Z': 'coupe', 'Nissan GT-R': 'coupe',
  // Ford
  'Ford F-150': 'truck', 'Ford F-250': 'truck', 'Ford F-350': 'truck', 'Ford Ranger': 'truck',
  'Ford Maverick': 'truck', 'Ford Escape': 'suv', 'Ford Bronco': 'suv', 'Ford Bronco Sport': 'suv',
  'Ford Explorer': 'suv', 'Ford Expedition': 'suv', 'Ford Edge': 'suv', 'Ford EcoSport': 'suv',
  'Ford Mustang': 'coupe', 'Ford Mustang Mach-E': 'suv', 'Ford Fusion': 'sedan', 'Ford Focus': 'sedan',
  'Ford Fiesta': 'hatchback', 'Ford Transit': 'van', 'Ford Transit Connect': 'van',
  // Chevrolet / GMC
  'Chevrolet Silverado': 'truck', 'Chevrolet Silverado 1500': 'truck', 'Chevrolet Colorado': 'truck',
  'Chevrolet Equinox': 'suv', 'Chevrolet Traverse': 'suv', 'Chevrolet Tahoe': 'suv',
  'Chevrolet Suburban': 'suv', 'Chevrolet Blazer': 'suv', 'Chevrolet Trax': 'suv',
  'Chevrolet Trailblazer': 'suv', 'Chevrolet Malibu': 'sedan', 'Chevrolet Cruze': 'sedan',
  'Chevrolet Impala': 'sedan', 'Chevrolet Spark': 'hatchback', 'Chevrolet Bolt': 'hatchback',
  'Chevrolet Bolt EUV': 'suv', 'Chevrolet Camaro': 'coupe', 'Chevrolet Corvette': 'coupe',
  'Chevrolet Express': 'van', 'GMC Sierra': 'truck', 'GMC Sierra 1500': 'truck', 'GMC Canyon': 'truck',
  'GMC Terrain': 'suv', 'GMC Acadia': 'suv', 'GMC Yukon': 'suv', 'GMC Savana': 'van',
  // Ram / Jeep / Dodge / Chrysler
  'Ram 1500': 'truck', 'Ram 2500': 'truck', 'Ram 3500': 'truck', 'Ram ProMaster': 'van',
  'Jeep Wrangler': 'suv', 'Jeep Grand Cherokee': 'suv', 'Jeep Cherokee': 'suv', 'Jeep Compass': 'suv',
  'Jeep Renegade': 'suv', 'Jeep Gladiator': 'truck', 'Jeep Wagoneer': 'suv',
  'Dodge Charger': 'sedan', 'Dodge Challenger': 'coupe', 'Dodge Durango': 'suv',
  'Dodge Grand Caravan': 'minivan', 'Dodge Journey': 'suv', 'Dodge Hornet': 'suv',
  'Chrysler Pacifica': 'minivan', 'Chrysler 300': 'sedan', 'Chrysler Voyager': 'minivan',
  // Hyundai / Kia / Genesis
  'Hyundai Elantra': 'sedan', 'Hyundai Sonata': 'sedan', 'Hyundai Accent': 'sedan', 'Hyundai Venue': 'suv',
  'Hyundai Kona': 'suv', 'Hyundai Tucson': 'suv', 'Hyundai Santa Fe': 'suv', 'Hyundai Palisade': 'suv',
  'Hyundai Ioniq 5': 'suv', 'Hyundai Ioniq 6': 'sedan', 'Hyundai Santa Cruz': 'truck',
  'Kia Rio': 'sedan', 'Kia Forte': 'sedan', 'Kia K5': 'sedan', 'Kia Optima': 'sedan', 'Kia Soul': 'hatchback',
  'Kia Seltos': 'suv', 'Kia Sportage': 'suv', 'Kia Sorento': 'suv', 'Kia Telluride': 'suv',
  'Kia Niro': 'suv', 'Kia EV6': 'suv', 'Kia EV9': 'suv', 'Kia Carnival': 'minivan', 'Kia Sedona': 'minivan',
  'Genesis G70': 'sedan', 'Genesis G80': 'sedan', 'Genesis GV70': 'suv', 'Genesis GV80': 'suv',
  // Subaru / Mazda / Mitsubishi
  'Subaru Impreza': 'sedan', 'Subaru Legacy': 'sedan', 'Subaru WRX': 'sedan', 'Subaru BRZ': 'coupe',
  'Subaru Crosstrek': 'suv', 'Subaru Forester': 'suv', 'Subaru Outback': 'wagon', 'Subaru Ascent': 'suv',
  'Subaru Solterra': 'suv', 'Mazda Mazda3': 'sedan', 'Mazda3': 'sedan', 'Mazda Mazda6': 'sedan',
  'Mazda CX-30': 'suv', 'Mazda CX-5': 'suv', 'Mazda CX-50': 'suv', 'Mazda CX-9': 'suv', 'Mazda CX-90': 'suv',
  'Mazda MX-5 Miata': 'convertible', 'Mazda Miata': 'convertible', 'Mitsubishi Outlander': 'suv',
  'Mitsubishi Outlander Sport': 'suv', 'Mitsubishi Eclipse Cross': 'suv', 'Mitsubishi Mirage': 'hatchback',
  // Volkswagen / Audi / BMW / Mercedes / Volvo / Porsche
  'Volkswagen Jetta': 'sedan', 'Volkswagen Passat': 'sedan', 'Volkswagen Golf': 'hatchback',
  'Volkswagen GTI': 'hatchback', 'Volkswagen Tiguan': 'suv', 'Volkswagen Atlas': 'suv',
  'Volkswagen Taos': 'suv', 'Volkswagen ID.4': 'suv', 'Audi A3': 'sedan', 'Audi A4': 'sedan',
  'Audi A6': 'sedan', 'Audi Q3': 'suv', 'Audi Q5': 'suv', 'Audi Q7': 'suv', 'Audi e-tron': 'suv',
  'BMW 3 Series': 'sedan', 'BMW 5 Series': 'sedan', 'BMW X1': 'suv', 'BMW X3': 'suv', 'BMW X5': 'suv',
  'BMW X7': 'suv', 'BMW i4': 'sedan', 'Mercedes-Benz C-Class': 'sedan', 'Mercedes-Benz E-Class': 'sedan',
  'Mercedes-Benz GLA': 'suv', 'Mercedes-Benz GLC': 'suv', 'Mercedes-Benz GLE': 'suv',
  'Mercedes-Benz Sprinter': 'van', 'Volvo XC40': 'suv', 'Volvo XC60': 'suv', 'Volvo XC90': 'suv',
  'Volvo S60': 'sedan', 'Porsche Cayenne': 'suv', 'Porsche Macan': 'suv', 'Porsche 911': 'coupe',
  // Lexus / Acura / Infiniti / Cadillac / Lincoln / Buick
  'Lexus ES': 'sedan', 'Lexus IS': 'sedan', 'Lexus RX': 'suv', 'Lexus NX': 'suv', 'Lexus GX': 'suv',
  'Lexus UX': 'suv', 'Acura TLX': 'sedan', 'Acura Integra': 'sedan', 'Acura RDX': 'suv', 'Acura MDX': 'suv',
  'Infiniti QX50': 'suv', 'Infiniti QX60': 'suv', 'Infiniti Q50': 'sedan', 'Cadillac Escalade': 'suv',
  'Cadillac XT5': 'suv', 'Cadillac CT5': 'sedan', 'Lincoln Navigator': 'suv', 'Lincoln Aviator': 'suv',
  'Lincoln Corsair': 'suv', 'Buick Enclave': 'suv', 'Buick Encore': 'suv', 'Buick Encore GX': 'suv',
  'Buick Envision': 'suv',
  // Tesla and other electric makers
  'Tesla Model 3': 'sedan', 'Tesla Model Y': 'suv', 'Tesla Model S': 'sedan', 'Tesla Model X': 'suv',
  'Tesla Cybertruck': 'truck', 'Rivian R1T': 'truck', 'Rivian R1S': 'suv', 'Polestar 2': 'sedan',
  'Land Rover Range Rover': 'suv', 'Land Rover Defender': 'suv', 'Land Rover Discovery': 'suv',
  'Mini Cooper': 'hatchback', 'Fiat 500': 'hatchback',
}
