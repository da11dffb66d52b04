/**
 * A synthetic dealership inventory feed, as a dealer-management system exports it (one CSV row
 * per vehicle: stock number, VIN, new/used, year, make, model, trim, body, colours, odometer,
 * prices, drivetrain, fuel, transmission, engine, MPG, options, status, page URL), and the
 * inventory questions visitors ask of it, as search filters. Everything comes from a seeded
 * generator, so two runs ingest and query the same vehicles.
 */
import type { Drivetrain, InventoryQuery } from '@avataradam/sdk/protocol'
import type { Db } from '../../packages/server/src/db/index.ts'
import { searchVehicles } from '../../packages/server/src/inventory/vehicles-repo.ts'
import { seededRandom } from './corpus.ts'
import { timeEach } from './stats.ts'

type Random = () => number
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!
const between = (random: Random, min: number, max: number) =>
  Math.round(min + random() * (max - min))

type Fuel = 'Gasoline' | 'Hybrid' | 'Electric' | 'Diesel' | 'Plug-In Hybrid'

interface CatalogModel {
  make: string
  model: string
  body: string
  /** Trim names, cheapest first; each step up adds about 9% to the price. */
  trims: readonly string[]
  drivetrains: readonly Drivetrain[]
  engine: string
  transmission: string
  fuel: Fuel
  /** City/highway MPG; none for electric vehicles (feeds leave them empty or write MPGe). */
  mpg: readonly [number, number] | null
  /** Base price new, in dollars. */
  price: number
  thirdRow?: boolean
  tow?: boolean
  /** Relative share of the lot (trucks and compact SUVs sell most). */
  weight: number
}

// biome-ignore format: a catalogue reads best one model a line
const CATALOG: readonly CatalogModel[] = [
  { make: 'Toyota', model: 'Corolla', body: 'Sedan', trims: ['LE', 'SE', 'XSE'], drivetrains: ['fwd'], engine: '2.0L 4-Cyl', transmission: 'CVT', fuel: 'Gasoline', mpg: [32, 41], price: 22_995, weight: 4 },
  { make: 'Toyota', model: 'Camry', body: 'Sedan', trims: ['LE', 'SE', 'XLE', 'XSE'], drivetrains: ['fwd', 'awd'], engine: '2.5L 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [28, 39], price: 27_995, weight: 4 },
  { make: 'Toyota', model: 'RAV4', body: 'SUV', trims: ['LE', 'XLE', 'XLE Premium', 'Adventure', 'TRD Off-Road', 'Limited'], drivetrains: ['fwd', 'awd'], engine: '2.5L 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [27, 35], price: 29_800, weight: 6 },
  { make: 'Toyota', model: 'RAV4 Hybrid', body: 'SUV', trims: ['LE', 'XLE', 'SE', 'XSE', 'Limited'], drivetrains: ['awd'], engine: '2.5L 4-Cyl Hybrid', transmission: 'ECVT', fuel: 'Hybrid', mpg: [41, 38], price: 32_950, weight: 3 },
  { make: 'Toyota', model: 'Highlander', body: 'SUV', trims: ['LE', 'XLE', 'Limited', 'Platinum'], drivetrains: ['fwd', 'awd'], engine: '2.4L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [22, 29], price: 39_970, thirdRow: true, weight: 3 },
  { make: 'Toyota', model: 'Tacoma', body: 'Crew Cab Pickup', trims: ['SR', 'SR5', 'TRD Sport', 'TRD Off-Road', 'Limited'], drivetrains: ['rwd', '4wd'], engine: '2.4L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [20, 26], price: 32_995, tow: true, weight: 4 },
  { make: 'Toyota', model: 'Tundra', body: 'CrewMax Pickup', trims: ['SR5', 'Limited', 'Platinum', '1794 Edition'], drivetrains: ['rwd', '4wd'], engine: '3.4L Twin-Turbo V6', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [18, 24], price: 47_995, tow: true, weight: 2 },
  { make: 'Toyota', model: 'Sienna', body: 'Minivan', trims: ['LE', 'XLE', 'XSE', 'Limited'], drivetrains: ['fwd', 'awd'], engine: '2.5L 4-Cyl Hybrid', transmission: 'ECVT', fuel: 'Hybrid', mpg: [36, 36], price: 39_185, thirdRow: true, weight: 2 },
  { make: 'Toyota', model: 'Prius', body: 'Hatchback', trims: ['LE', 'XLE', 'Limited'], drivetrains: ['fwd', 'awd'], engine: '2.0L 4-Cyl Hybrid', transmission: 'ECVT', fuel: 'Hybrid', mpg: [57, 56], price: 28_545, weight: 2 },
  { make: 'Honda', model: 'Civic', body: 'Sedan', trims: ['LX', 'Sport', 'EX', 'Touring'], drivetrains: ['fwd'], engine: '2.0L 4-Cyl', transmission: 'CVT', fuel: 'Gasoline', mpg: [31, 40], price: 24_650, weight: 4 },
  { make: 'Honda', model: 'Accord', body: 'Sedan', trims: ['LX', 'EX', 'Sport', 'Touring'], drivetrains: ['fwd'], engine: '1.5L Turbo 4-Cyl', transmission: 'CVT', fuel: 'Gasoline', mpg: [29, 37], price: 28_895, weight: 3 },
  { make: 'Honda', model: 'CR-V', body: 'SUV', trims: ['LX', 'EX', 'EX-L', 'Sport Touring'], drivetrains: ['fwd', 'awd'], engine: '1.5L Turbo 4-Cyl', transmission: 'CVT', fuel: 'Gasoline', mpg: [28, 34], price: 31_450, weight: 5 },
  { make: 'Honda', model: 'Pilot', body: 'SUV', trims: ['Sport', 'EX-L', 'TrailSport', 'Touring', 'Elite'], drivetrains: ['fwd', 'awd'], engine: '3.5L V6', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [19, 25], price: 40_200, thirdRow: true, weight: 2 },
  { make: 'Honda', model: 'Odyssey', body: 'Minivan', trims: ['EX', 'EX-L', 'Sport', 'Touring', 'Elite'], drivetrains: ['fwd'], engine: '3.5L V6', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [19, 28], price: 38_830, thirdRow: true, weight: 1 },
  { make: 'Honda', model: 'Ridgeline', body: 'Crew Cab Pickup', trims: ['Sport', 'RTL', 'TrailSport', 'Black Edition'], drivetrains: ['awd'], engine: '3.5L V6', transmission: '9-Speed Automatic', fuel: 'Gasoline', mpg: [18, 24], price: 40_095, tow: true, weight: 1 },
  { make: 'Ford', model: 'F-150', body: 'SuperCrew Pickup', trims: ['XL', 'XLT', 'Lariat', 'King Ranch', 'Platinum'], drivetrains: ['rwd', '4wd'], engine: '2.7L EcoBoost V6', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [19, 25], price: 44_970, tow: true, weight: 7 },
  { make: 'Ford', model: 'Ranger', body: 'SuperCrew Pickup', trims: ['XL', 'XLT', 'Lariat'], drivetrains: ['rwd', '4wd'], engine: '2.3L EcoBoost 4-Cyl', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [21, 26], price: 33_080, tow: true, weight: 2 },
  { make: 'Ford', model: 'Maverick', body: 'SuperCrew Pickup', trims: ['XL', 'XLT', 'Lariat'], drivetrains: ['fwd', 'awd'], engine: '2.5L 4-Cyl Hybrid', transmission: 'CVT', fuel: 'Hybrid', mpg: [42, 33], price: 26_295, weight: 2 },
  { make: 'Ford', model: 'Escape', body: 'SUV', trims: ['Active', 'ST-Line', 'Platinum'], drivetrains: ['fwd', 'awd'], engine: '1.5L EcoBoost 3-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [27, 34], price: 29_495, weight: 3 },
  { make: 'Ford', model: 'Explorer', body: 'SUV', trims: ['Active', 'ST-Line', 'Platinum', 'ST'], drivetrains: ['rwd', '4wd'], engine: '2.3L EcoBoost 4-Cyl', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [20, 28], price: 39_835, thirdRow: true, weight: 3 },
  { make: 'Ford', model: 'Bronco', body: 'SUV', trims: ['Big Bend', 'Outer Banks', 'Badlands', 'Wildtrak'], drivetrains: ['4wd'], engine: '2.7L EcoBoost V6', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [18, 20], price: 42_095, weight: 2 },
  { make: 'Ford', model: 'Mustang', body: 'Coupe', trims: ['EcoBoost', 'GT', 'Dark Horse'], drivetrains: ['rwd'], engine: '5.0L V8', transmission: '6-Speed Manual', fuel: 'Gasoline', mpg: [15, 24], price: 32_515, weight: 1 },
  { make: 'Ford', model: 'Mustang Mach-E', body: 'SUV', trims: ['Select', 'Premium', 'GT'], drivetrains: ['rwd', 'awd'], engine: 'Dual Electric Motor', transmission: '1-Speed Automatic', fuel: 'Electric', mpg: null, price: 39_995, weight: 1 },
  { make: 'Chevrolet', model: 'Silverado 1500', body: 'Crew Cab Pickup', trims: ['WT', 'Custom', 'LT', 'RST', 'LTZ', 'High Country'], drivetrains: ['rwd', '4wd'], engine: '5.3L V8', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [16, 21], price: 43_995, tow: true, weight: 6 },
  { make: 'Chevrolet', model: 'Colorado', body: 'Crew Cab Pickup', trims: ['WT', 'LT', 'Trail Boss', 'Z71', 'ZR2'], drivetrains: ['rwd', '4wd'], engine: '2.7L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [19, 25], price: 31_695, tow: true, weight: 2 },
  { make: 'Chevrolet', model: 'Equinox', body: 'SUV', trims: ['LS', 'LT', 'RS', 'Premier'], drivetrains: ['fwd', 'awd'], engine: '1.5L Turbo 4-Cyl', transmission: '6-Speed Automatic', fuel: 'Gasoline', mpg: [26, 31], price: 28_600, weight: 4 },
  { make: 'Chevrolet', model: 'Traverse', body: 'SUV', trims: ['LS', 'LT', 'Z71', 'RS'], drivetrains: ['fwd', 'awd'], engine: '2.5L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [19, 27], price: 38_995, thirdRow: true, weight: 2 },
  { make: 'Chevrolet', model: 'Tahoe', body: 'SUV', trims: ['LS', 'LT', 'RST', 'Z71', 'Premier', 'High Country'], drivetrains: ['rwd', '4wd'], engine: '5.3L V8', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [15, 20], price: 58_195, thirdRow: true, tow: true, weight: 2 },
  { make: 'Chevrolet', model: 'Malibu', body: 'Sedan', trims: ['LS', 'RS', 'LT', '2LT'], drivetrains: ['fwd'], engine: '1.5L Turbo 4-Cyl', transmission: 'CVT', fuel: 'Gasoline', mpg: [28, 36], price: 25_100, weight: 2 },
  { make: 'Chevrolet', model: 'Bolt EUV', body: 'SUV', trims: ['LT', 'Premier'], drivetrains: ['fwd'], engine: 'Electric Motor', transmission: '1-Speed Automatic', fuel: 'Electric', mpg: null, price: 27_800, weight: 1 },
  { make: 'Ram', model: '1500', body: 'Quad Cab Pickup', trims: ['Tradesman', 'Big Horn', 'Laramie', 'Rebel', 'Limited'], drivetrains: ['rwd', '4wd'], engine: '5.7L HEMI V8', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [17, 23], price: 41_180, tow: true, weight: 4 },
  { make: 'Ram', model: '2500', body: 'Crew Cab Pickup', trims: ['Tradesman', 'Big Horn', 'Laramie'], drivetrains: ['4wd'], engine: '6.7L Cummins Turbo Diesel I6', transmission: '6-Speed Automatic', fuel: 'Diesel', mpg: null, price: 52_995, tow: true, weight: 1 },
  { make: 'Jeep', model: 'Wrangler', body: 'SUV', trims: ['Sport', 'Willys', 'Sahara', 'Rubicon'], drivetrains: ['4wd'], engine: '3.6L V6', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [17, 25], price: 33_890, tow: true, weight: 3 },
  { make: 'Jeep', model: 'Grand Cherokee', body: 'SUV', trims: ['Laredo', 'Altitude', 'Limited', 'Overland', 'Summit'], drivetrains: ['rwd', '4wd'], engine: '3.6L V6', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [19, 26], price: 38_995, tow: true, weight: 3 },
  { make: 'Jeep', model: 'Compass', body: 'SUV', trims: ['Sport', 'Latitude', 'Limited', 'Trailhawk'], drivetrains: ['awd'], engine: '2.0L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [24, 32], price: 28_995, weight: 2 },
  { make: 'Jeep', model: 'Gladiator', body: 'Crew Cab Pickup', trims: ['Sport', 'Willys', 'Mojave', 'Rubicon'], drivetrains: ['4wd'], engine: '3.6L V6', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [17, 22], price: 39_995, tow: true, weight: 1 },
  { make: 'Nissan', model: 'Altima', body: 'Sedan', trims: ['S', 'SV', 'SR', 'SL'], drivetrains: ['fwd', 'awd'], engine: '2.5L 4-Cyl', transmission: 'CVT', fuel: 'Gasoline', mpg: [27, 39], price: 26_370, weight: 3 },
  { make: 'Nissan', model: 'Sentra', body: 'Sedan', trims: ['S', 'SV', 'SR'], drivetrains: ['fwd'], engine: '2.0L 4-Cyl', transmission: 'CVT', fuel: 'Gasoline', mpg: [30, 40], price: 21_590, weight: 3 },
  { make: 'Nissan', model: 'Rogue', body: 'SUV', trims: ['S', 'SV', 'SL', 'Platinum'], drivetrains: ['fwd', 'awd'], engine: '1.5L Turbo 3-Cyl', transmission: 'CVT', fuel: 'Gasoline', mpg: [30, 37], price: 29_230, weight: 4 },
  { make: 'Nissan', model: 'Pathfinder', body: 'SUV', trims: ['S', 'SV', 'SL', 'Rock Creek', 'Platinum'], drivetrains: ['fwd', '4wd'], engine: '3.5L V6', transmission: '9-Speed Automatic', fuel: 'Gasoline', mpg: [20, 27], price: 37_030, thirdRow: true, weight: 2 },
  { make: 'Nissan', model: 'Frontier', body: 'Crew Cab Pickup', trims: ['S', 'SV', 'PRO-4X'], drivetrains: ['rwd', '4wd'], engine: '3.8L V6', transmission: '9-Speed Automatic', fuel: 'Gasoline', mpg: [18, 24], price: 32_050, tow: true, weight: 2 },
  { make: 'Hyundai', model: 'Elantra', body: 'Sedan', trims: ['SE', 'SEL', 'Limited', 'N Line'], drivetrains: ['fwd'], engine: '2.0L 4-Cyl', transmission: 'IVT', fuel: 'Gasoline', mpg: [32, 41], price: 21_475, weight: 3 },
  { make: 'Hyundai', model: 'Tucson', body: 'SUV', trims: ['SE', 'SEL', 'N Line', 'XRT', 'Limited'], drivetrains: ['fwd', 'awd'], engine: '2.5L 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [25, 32], price: 28_705, weight: 3 },
  { make: 'Hyundai', model: 'Santa Fe', body: 'SUV', trims: ['SE', 'SEL', 'XRT', 'Limited', 'Calligraphy'], drivetrains: ['fwd', 'awd'], engine: '2.5L Turbo 4-Cyl', transmission: '8-Speed DCT', fuel: 'Gasoline', mpg: [21, 28], price: 34_200, thirdRow: true, weight: 2 },
  { make: 'Hyundai', model: 'Palisade', body: 'SUV', trims: ['SE', 'SEL', 'XRT', 'Limited', 'Calligraphy'], drivetrains: ['fwd', 'awd'], engine: '3.8L V6', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [19, 26], price: 37_200, thirdRow: true, weight: 2 },
  { make: 'Hyundai', model: 'Ioniq 5', body: 'SUV', trims: ['SE', 'SEL', 'Limited'], drivetrains: ['rwd', 'awd'], engine: 'Dual Electric Motor', transmission: '1-Speed Automatic', fuel: 'Electric', mpg: null, price: 42_600, weight: 1 },
  { make: 'Kia', model: 'Forte', body: 'Sedan', trims: ['LX', 'LXS', 'GT-Line'], drivetrains: ['fwd'], engine: '2.0L 4-Cyl', transmission: 'IVT', fuel: 'Gasoline', mpg: [30, 41], price: 20_815, weight: 2 },
  { make: 'Kia', model: 'Sportage', body: 'SUV', trims: ['LX', 'EX', 'X-Line', 'SX-Prestige'], drivetrains: ['fwd', 'awd'], engine: '2.5L 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [25, 32], price: 28_415, weight: 3 },
  { make: 'Kia', model: 'Telluride', body: 'SUV', trims: ['LX', 'S', 'EX', 'SX', 'SX-Prestige X-Pro'], drivetrains: ['fwd', 'awd'], engine: '3.8L V6', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [20, 26], price: 36_990, thirdRow: true, weight: 2 },
  { make: 'Kia', model: 'Carnival', body: 'Minivan', trims: ['LX', 'EX', 'SX', 'SX-Prestige'], drivetrains: ['fwd'], engine: '3.5L V6', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [19, 26], price: 36_195, thirdRow: true, weight: 1 },
  { make: 'Subaru', model: 'Outback', body: 'Wagon', trims: ['Base', 'Premium', 'Onyx Edition', 'Limited', 'Touring'], drivetrains: ['awd'], engine: '2.5L H4', transmission: 'CVT', fuel: 'Gasoline', mpg: [26, 32], price: 29_235, weight: 3 },
  { make: 'Subaru', model: 'Forester', body: 'SUV', trims: ['Base', 'Premium', 'Sport', 'Limited', 'Wilderness'], drivetrains: ['awd'], engine: '2.5L H4', transmission: 'CVT', fuel: 'Gasoline', mpg: [26, 33], price: 28_395, weight: 3 },
  { make: 'Subaru', model: 'Crosstrek', body: 'SUV', trims: ['Base', 'Premium', 'Sport', 'Limited'], drivetrains: ['awd'], engine: '2.0L H4', transmission: 'CVT', fuel: 'Gasoline', mpg: [27, 34], price: 25_195, weight: 2 },
  { make: 'Subaru', model: 'Ascent', body: 'SUV', trims: ['Base', 'Premium', 'Onyx Edition', 'Limited', 'Touring'], drivetrains: ['awd'], engine: '2.4L Turbo H4', transmission: 'CVT', fuel: 'Gasoline', mpg: [20, 26], price: 35_995, thirdRow: true, weight: 1 },
  { make: 'Mazda', model: 'CX-5', body: 'SUV', trims: ['2.5 S Select', '2.5 S Preferred', '2.5 Carbon Edition', '2.5 Turbo Signature'], drivetrains: ['awd'], engine: '2.5L 4-Cyl', transmission: '6-Speed Automatic', fuel: 'Gasoline', mpg: [26, 31], price: 29_300, weight: 3 },
  { make: 'Mazda', model: 'Mazda3', body: 'Hatchback', trims: ['2.5 S', '2.5 S Select Sport', '2.5 S Preferred', '2.5 Turbo Premium Plus'], drivetrains: ['fwd', 'awd'], engine: '2.5L 4-Cyl', transmission: '6-Speed Automatic', fuel: 'Gasoline', mpg: [28, 37], price: 24_150, weight: 2 },
  { make: 'Mazda', model: 'CX-90', body: 'SUV', trims: ['3.3 Turbo Select', '3.3 Turbo Preferred', '3.3 Turbo S Premium Plus'], drivetrains: ['awd'], engine: '3.3L Turbo I6', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [24, 28], price: 39_595, thirdRow: true, weight: 1 },
  { make: 'Mazda', model: 'MX-5 Miata', body: 'Convertible', trims: ['Sport', 'Club', 'Grand Touring'], drivetrains: ['rwd'], engine: '2.0L 4-Cyl', transmission: '6-Speed Manual', fuel: 'Gasoline', mpg: [26, 34], price: 29_930, weight: 1 },
  { make: 'Volkswagen', model: 'Jetta', body: 'Sedan', trims: ['S', 'Sport', 'SE', 'SEL'], drivetrains: ['fwd'], engine: '1.5L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [29, 40], price: 22_995, weight: 2 },
  { make: 'Volkswagen', model: 'Tiguan', body: 'SUV', trims: ['S', 'SE', 'SE R-Line Black', 'SEL R-Line'], drivetrains: ['fwd', 'awd'], engine: '2.0L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [24, 31], price: 29_985, weight: 2 },
  { make: 'Volkswagen', model: 'Atlas', body: 'SUV', trims: ['SE', 'SE with Technology', 'Peak Edition', 'SEL Premium R-Line'], drivetrains: ['fwd', 'awd'], engine: '2.0L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [21, 28], price: 38_650, thirdRow: true, weight: 1 },
  { make: 'BMW', model: 'X3', body: 'SUV', trims: ['sDrive30i', 'xDrive30i', 'M40i'], drivetrains: ['rwd', 'awd'], engine: '2.0L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [25, 29], price: 49_500, weight: 1 },
  { make: 'BMW', model: '3 Series', body: 'Sedan', trims: ['330i', '330i xDrive', 'M340i'], drivetrains: ['rwd', 'awd'], engine: '2.0L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [26, 34], price: 45_500, weight: 1 },
  { make: 'Mercedes-Benz', model: 'GLC', body: 'SUV', trims: ['GLC 300', 'GLC 300 4MATIC', 'AMG GLC 43'], drivetrains: ['rwd', 'awd'], engine: '2.0L Turbo 4-Cyl', transmission: '9-Speed Automatic', fuel: 'Gasoline', mpg: [24, 32], price: 48_550, weight: 1 },
  { make: 'Lexus', model: 'RX', body: 'SUV', trims: ['RX 350', 'RX 350h', 'RX 500h F Sport'], drivetrains: ['fwd', 'awd'], engine: '2.4L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [22, 29], price: 49_950, weight: 1 },
  { make: 'Lexus', model: 'ES', body: 'Sedan', trims: ['ES 250', 'ES 350', 'ES 300h'], drivetrains: ['fwd', 'awd'], engine: '3.5L V6', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [22, 32], price: 42_490, weight: 1 },
  { make: 'Tesla', model: 'Model 3', body: 'Sedan', trims: ['Rear-Wheel Drive', 'Long Range', 'Performance'], drivetrains: ['rwd', 'awd'], engine: 'Electric Motor', transmission: '1-Speed Automatic', fuel: 'Electric', mpg: null, price: 38_990, weight: 2 },
  { make: 'Tesla', model: 'Model Y', body: 'SUV', trims: ['Long Range', 'Performance'], drivetrains: ['awd'], engine: 'Dual Electric Motor', transmission: '1-Speed Automatic', fuel: 'Electric', mpg: null, price: 44_990, weight: 2 },
  { make: 'Chrysler', model: 'Pacifica', body: 'Minivan', trims: ['Touring', 'Touring L', 'Limited', 'Pinnacle'], drivetrains: ['fwd', 'awd'], engine: '3.6L V6', transmission: '9-Speed Automatic', fuel: 'Gasoline', mpg: [19, 28], price: 40_645, thirdRow: true, weight: 1 },
  { make: 'Chrysler', model: 'Pacifica Hybrid', body: 'Minivan', trims: ['Select', 'Pinnacle'], drivetrains: ['fwd'], engine: '3.6L V6 Plug-In Hybrid', transmission: 'ECVT', fuel: 'Plug-In Hybrid', mpg: [30, 30], price: 50_940, thirdRow: true, weight: 1 },
  { make: 'GMC', model: 'Sierra 1500', body: 'Crew Cab Pickup', trims: ['Pro', 'SLE', 'Elevation', 'SLT', 'AT4', 'Denali'], drivetrains: ['rwd', '4wd'], engine: '5.3L V8', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [16, 21], price: 45_900, tow: true, weight: 3 },
  { make: 'GMC', model: 'Acadia', body: 'SUV', trims: ['Elevation', 'AT4', 'Denali'], drivetrains: ['fwd', 'awd'], engine: '2.5L Turbo 4-Cyl', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [19, 26], price: 43_800, thirdRow: true, weight: 1 },
  { make: 'Dodge', model: 'Charger', body: 'Sedan', trims: ['SXT', 'GT', 'R/T', 'Scat Pack'], drivetrains: ['rwd', 'awd'], engine: '5.7L HEMI V8', transmission: '8-Speed Automatic', fuel: 'Gasoline', mpg: [16, 25], price: 33_125, weight: 1 },
  { make: 'Ford', model: 'Transit', body: 'Cargo Van', trims: ['Cargo Van', 'Crew Van', 'Passenger Van XLT'], drivetrains: ['rwd', 'awd'], engine: '3.5L V6', transmission: '10-Speed Automatic', fuel: 'Gasoline', mpg: [15, 19], price: 47_360, weight: 1 },
]

// biome-ignore format: word lists read best packed
const PAINTS = ['Celestial Silver Metallic', 'Midnight Black Metallic', 'Blueprint', 'Supersonic Red',
  'Ice Cap', 'Oxford White', 'Agate Black', 'Magnetic Gray Metallic', 'Lunar Rock', 'Cavalry Blue',
  'Rapid Red Metallic', 'Summit White', 'Crystal Black Pearl', 'Modern Steel Metallic',
  'Sonic Gray Pearl', 'Radiant Red', 'Army Green', 'Cactus Gray', 'Wind Chill Pearl', 'Iconic Silver',
  'Velocity Blue', 'Carbonized Gray', 'Atlas White', 'Mojave Sand', 'Deep Crystal Blue Mica',
  'Soul Red Crystal', 'Granite Crystal', 'Bright White', 'Sting Gray', 'Cypress Green',
  'Copper Orange', 'Burgundy Red Pearl', 'Ebony Twilight Metallic', 'Sandstone Metallic']
// biome-ignore format: word lists read best packed
const INTERIORS = ['Black Cloth', 'Gray Cloth', 'Ash Cloth', 'Black SofTex', 'Black Leather',
  'Saddle Brown Leather', 'Ivory Leather', 'Graphite Leatherette', 'Red Leather', 'Jet Black Cloth']
// biome-ignore format: word lists read best packed
const BASE_FEATURES = ['Backup Camera', 'Bluetooth', 'Apple CarPlay', 'Android Auto',
  'Keyless Entry', 'Cruise Control', 'Lane Keep Assist', 'Alloy Wheels']
// biome-ignore format: word lists read best packed
const UPPER_FEATURES = ['Blind Spot Monitor', 'Heated Front Seats', 'Leather Seats',
  'Power Moonroof', 'Panoramic Sunroof', 'Navigation System', 'Remote Start',
  'Adaptive Cruise Control', 'Wireless Charging', 'Premium Audio', 'Power Liftgate',
  'Heated Steering Wheel', 'Ventilated Seats', '360 Camera', 'Head-Up Display']
const STATUSES = [
  ['In Stock', 0.88],
  ['Sale Pending', 0.04],
  ['In Transit', 0.03],
  ['Sold', 0.05],
] as const

const HEADER = [
  'Stock #',
  'VIN',
  'New/Used',
  'Year',
  'Make',
  'Model',
  'Trim',
  'Body Style',
  'Ext. Color',
  'Int. Color',
  'Odometer',
  'MSRP',
  'Internet Price',
  'Drivetrain',
  'Fuel Type',
  'Transmission',
  'Engine',
  'City MPG',
  'Hwy MPG',
  'Options',
  'Status',
  'VDP URL',
]

/** What the bench needs to know of a generated vehicle to ask about it. */
export interface SyntheticVehicle {
  stockNumber: string
  vin: string
  make: string
  model: string
  trim: string
  paint: string
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'
const money = (n: number) => `$${n.toLocaleString('en-US')}`
const quoted = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
const DRIVETRAIN_TEXT: Record<Drivetrain, string> = {
  fwd: 'FWD',
  awd: 'AWD',
  '4wd': '4WD',
  rwd: 'RWD',
}

/**
 * `count` vehicles as a dealer-management system's CSV export: about 35% new (this and last
 * model year, a few miles), 15% certified pre-owned, 50% used back to 2010, prices that fall with
 * age and miles, trim-dependent options, a few pending, in transit or sold.
 */
export function inventoryCsv(
  count: number,
  seed: number,
): { csv: string; vehicles: SyntheticVehicle[] } {
  const random = seededRandom(seed)
  const totalWeight = CATALOG.reduce((sum, m) => sum + m.weight, 0)
  const weightedModel = () => {
    let r = random() * totalWeight
    for (const m of CATALOG) {
      r -= m.weight
      if (r <= 0) return m
    }
    return CATALOG.at(-1)!
  }
  const lines = [HEADER.join(',')]
  const vehicles: SyntheticVehicle[] = []
  for (let i = 0; i < count; i++) {
    const m = weightedModel()
    const roll = random()
    const condition = roll < 0.35 ? 'New' : roll < 0.5 ? 'Certified Pre-Owned' : 'Used'
    const year =
      condition === 'New'
        ? pick(random, [2025, 2026, 2026])
        : condition === 'Certified Pre-Owned'
          ? between(random, 2020, 2025)
          : between(random, 2010, 2024)
    const age = Math.max(0, 2026 - year)
    const trimIndex = Math.floor(random() ** 1.3 * m.trims.length)
    const trim = m.trims[trimIndex]!
    const upper = trimIndex / Math.max(1, m.trims.length - 1)
    const msrp = Math.round((m.price * (1 + 0.09 * trimIndex)) / 5) * 5 + 1295
    const miles =
      condition === 'New' ? between(random, 2, 45) : Math.round(age * between(random, 7, 16) * 1000)
    const value =
      condition === 'New'
        ? msrp - between(random, 0, 12) * 100
        : msrp * 0.84 ** age * (1 - Math.min(0.35, miles / 600_000)) * (0.92 + random() * 0.16)
    const price = Math.max(3995, Math.round(value / 100) * 100 - 5)
    const drivetrain = pick(random, m.drivetrains)
    const features = [...BASE_FEATURES.filter(() => random() < 0.75)]
    for (const f of UPPER_FEATURES) if (random() < 0.12 + upper * 0.55) features.push(f)
    if (m.thirdRow) features.push(random() < 0.5 ? 'Third Row Seating' : '3rd Row Seat')
    if (m.tow && random() < 0.7) features.push(random() < 0.5 ? 'Tow Package' : 'Trailer Hitch')
    if (drivetrain === '4wd' && random() < 0.5) features.push('Skid Plates')
    const statusRoll = random()
    let cumulative = 0
    const status =
      STATUSES.find(([, share]) => {
        cumulative += share
        return statusRoll < cumulative
      })?.[0] ?? 'In Stock'
    const stockNumber = `${condition === 'New' ? 'N' : 'U'}${String(26_000 + i).padStart(6, '0')}`
    const vin = Array.from({ length: 17 }, () => pick(random, [...VIN_CHARS])).join('')
    const paint = pick(random, PAINTS)
    const interior = m.body.includes('Van')
      ? 'Gray Cloth'
      : upper > 0.5
        ? pick(
            random,
            INTERIORS.filter((c) => /Leather/.test(c)),
          )
        : pick(random, INTERIORS)
    const cells = [
      stockNumber,
      vin,
      condition,
      String(year),
      m.make,
      m.model,
      trim,
      m.body,
      paint,
      interior,
      miles.toLocaleString('en-US'),
      condition === 'New' ? money(msrp) : '',
      money(price),
      DRIVETRAIN_TEXT[drivetrain],
      m.fuel,
      m.transmission,
      m.engine,
      m.mpg ? String(m.mpg[0]) : '',
      m.mpg ? String(m.mpg[1]) : '',
      features.join('|'),
      status,
      `https://www.benchmotors.example/inventory/${stockNumber}`,
    ]
    lines.push(cells.map(quoted).join(','))
    vehicles.push({ stockNumber, vin, make: m.make, model: m.model, trim, paint })
  }
  return { csv: `${lines.join('\n')}\n`, vehicles }
}

/** One inventory question as the answerer (or the model's search_inventory tool) asks it. */
export interface InventoryCase {
  /** Which kind of question: per-kind timings are kept in the JSON. */
  kind: string
  query: InventoryQuery
}

const BODIES = ['suv', 'truck', 'sedan', 'minivan', 'hatchback', 'coupe', 'wagon'] as const
const COLORS = ['blue', 'red', 'white', 'black', 'gray', 'silver', 'green']
const CONCEPT_FEATURES = ['third row', 'leather', 'sunroof', 'heated seats', 'navigation']
/** Features no concept names: matched against the feed's own words. */
const NAMED_FEATURES = ['wireless charging', 'head-up display', 'skid plates', 'ventilated seats']
const TEXT_WORDS = ['hemi', 'ecoboost', 'trd', 'cummins', 'x-pro', 'turbo']

/**
 * The inventory questions visitors ask ("used SUVs under $30k", "AWD trucks 2020 or newer under
 * 40k miles", the cheapest, newest, lowest-mileage and best-MPG, "how many trucks", "third row",
 * "leather", colours, a make and model, the vehicle on the page), as search filters, `count` of
 * them, each kind equally often, parameters drawn from the inventory.
 */
export function inventoryCases(
  count: number,
  vehicles: readonly SyntheticVehicle[],
  seed: number,
): InventoryCase[] {
  const random = seededRandom(seed)
  const vehicle = () => pick(random, vehicles)
  const kinds: [string, () => InventoryQuery][] = [
    [
      'used <body> under $Xk',
      () => ({
        bodyStyle: pick(random, ['suv', 'truck', 'sedan'] as const),
        condition: 'used',
        priceMax: pick(random, [20_000, 25_000, 30_000, 35_000]),
      }),
    ],
    [
      'AWD/4WD trucks, year ≥ N, miles ≤ M',
      () => ({
        bodyStyle: 'truck',
        drivetrain: ['awd', '4wd'],
        yearMin: between(random, 2018, 2022),
        mileageMax: pick(random, [30_000, 40_000, 50_000]),
      }),
    ],
    ['cheapest <body>', () => ({ bodyStyle: pick(random, BODIES), sort: 'price_asc', limit: 3 })],
    ['cheapest car', () => ({ sort: 'price_asc', limit: 3 })],
    ['newest <make>', () => ({ make: vehicle().make, sort: 'year_desc' })],
    [
      'lowest miles used <body>',
      () => ({ condition: 'used', bodyStyle: pick(random, BODIES), sort: 'mileage_asc' }),
    ],
    ['best MPG', () => ({ sort: 'mpg_desc', limit: 5 })],
    [
      'best MPG <body>',
      () => ({ bodyStyle: pick(random, ['suv', 'sedan', 'truck'] as const), sort: 'mpg_desc' }),
    ],
    ['how many <body>', () => ({ bodyStyle: pick(random, BODIES), limit: 1 })],
    ['how many <make>', () => ({ make: vehicle().make, limit: 1 })],
    [
      'third row under $Xk',
      () => ({ features: ['third row'], priceMax: pick(random, [35_000, 40_000, 45_000]) }),
    ],
    [
      '<feature> (a concept)',
      () => ({
        features: [pick(random, CONCEPT_FEATURES)],
        bodyStyle: pick(random, ['suv', 'sedan'] as const),
      }),
    ],
    ['leather and sunroof', () => ({ features: ['leather', 'sunroof'], condition: 'used' })],
    ['<feature> (feed words)', () => ({ features: [pick(random, NAMED_FEATURES)] })],
    ['<colour family>', () => ({ color: pick(random, COLORS) })],
    [
      '<colour> <body>',
      () => ({ color: pick(random, COLORS), bodyStyle: pick(random, ['suv', 'truck'] as const) }),
    ],
    ['<paint name>', () => ({ color: vehicle().paint })],
    [
      '<make> <model>',
      () => {
        const v = vehicle()
        return { make: v.make, model: v.model }
      },
    ],
    [
      'used <model> <trim>',
      () => {
        const v = vehicle()
        return { model: v.model, trim: v.trim, condition: 'used' }
      },
    ],
    [
      'hybrid/electric',
      () => ({ fuel: pick(random, ['hybrid', 'electric'] as const), sort: 'price_asc' }),
    ],
    [
      '<body> between $X and $Y',
      () => {
        const low = pick(random, [15_000, 20_000, 25_000, 30_000])
        return { bodyStyle: pick(random, BODIES), priceMin: low, priceMax: low + 10_000 }
      },
    ],
    ['at least 35 MPG', () => ({ mpgMin: pick(random, [30, 35, 40]) })],
    ['certified <make>', () => ({ condition: 'certified', make: vehicle().make })],
    ['stock number (vehicle page)', () => ({ stockNumber: vehicle().stockNumber })],
    ['VIN', () => ({ vin: vehicle().vin })],
    ['words (<engine>)', () => ({ text: pick(random, TEXT_WORDS) })],
  ]
  return Array.from({ length: count }, (_, i) => {
    const [kind, query] = kinds[i % kinds.length]!
    return { kind, query: query() }
  })
}

/** A query as `GET /v1/inventory` takes it: lists comma-separated. */
export function inventoryParams(query: InventoryQuery): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    params.set(key, Array.isArray(value) ? value.join(',') : String(value))
  }
  return params
}

export interface TimeInventoryArgs {
  tenantId: string
  queries: InventoryQuery[]
  /** Queries from the start of the list run once, unmeasured, first. */
  warmup: number
}

export interface InventoryTimings {
  /** Milliseconds per query, in the order given. */
  search: number[]
  /** The primary-key lookup, as many times. */
  baseline: number[]
  /** How many vehicles each query matched. */
  totals: number[]
}

/** Baseline: the cheapest tenant-scoped read of the table, the floor of any inventory query. */
const VEHICLE_BY_ID = 'select id, stock_number from vehicles where tenant_id = $1 and id = $2'

/**
 * Runs in the server child, on the server's own database: `searchVehicles` in a tenant
 * transaction, exactly as `GET /v1/inventory` and the answerer call it, for every query, then the
 * primary-key lookup of one vehicle in the same kind of transaction as many times.
 */
export async function timeInventory(db: Db, args: TimeInventoryArgs): Promise<InventoryTimings> {
  const { tenantId, queries, warmup } = args
  const search = (query: InventoryQuery) =>
    db.tenant(tenantId, (tx) => searchVehicles(tx, tenantId, query))
  const [first] = await db.tenant(tenantId, (tx) =>
    tx.query<{ id: string }>('select id from vehicles where tenant_id = $1 limit 1', [tenantId]),
  )
  if (!first) throw new Error('the tenant has no vehicles')
  const lookup = () => db.tenant(tenantId, (tx) => tx.query(VEHICLE_BY_ID, [tenantId, first.id]))
  await timeEach(queries.slice(0, warmup), search)
  await timeEach(queries.slice(0, warmup), lookup)
  const totals: number[] = []
  const searchMs = await timeEach(queries, async (query) => {
    totals.push((await search(query)).total)
  })
  return { search: searchMs, baseline: await timeEach(queries, lookup), totals }
}
