#!/usr/bin/env python3
"""Generate sources/inventory.csv for Plaza Motors (fictional).

Deterministic: the vehicle list is written out by hand below; only the VIN serial
characters are drawn from a seeded RNG, and each VIN gets a correct check digit.
Convert afterwards with LibreOffice (see SOURCES.md).
"""
import csv
import os
import random

HEADERS = ["Stock", "VIN #", "Condition", "Model Year", "Make", "Model", "Trim Level",
           "Body Type", "Exterior", "Interior", "Mileage", "Selling Price", "Drive Type",
           "Fuel", "Transmission", "Engine", "MPG", "Equipment", "Availability", "URL"]

YEAR_CODE = {2015: "F", 2016: "G", 2017: "H", 2018: "J", 2019: "K", 2020: "L", 2021: "M",
             2022: "N", 2023: "P", 2024: "R", 2025: "S", 2026: "T", 2027: "V"}
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
TRANSLIT = {**{str(d): d for d in range(10)},
            **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9,
            **dict(zip("STUVWXYZ", range(2, 10)))}
WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

rng = random.Random(403)


def vin(wmi, vds, year, plant):
    body = wmi + vds + "0" + YEAR_CODE[year] + plant + "".join(rng.choice("0123456789") for _ in range(6))
    assert len(body) == 17, body
    total = sum(TRANSLIT[c] * w for c, w in zip(body, WEIGHTS))
    check = total % 11
    check = "X" if check == 10 else str(check)
    return body[:8] + check + body[9:]


# (stock, condition, year, make, model, trim, body, ext, int, miles, price, drive, fuel,
#  trans, engine, mpg, equipment, availability, wmi, vds, plant)
N, U, C = "New", "Used", "Certified Pre-Owned"
A, S, P = "Available", "Sold", "Pending"
V = [
    # ---- New Nissans (20) ----
    ("PM4401", N, 2026, "Nissan", "Kicks", "S", "SUV", "Boulder Gray Pearl", "Charcoal Cloth", 8, 22990, "FWD", "Gasoline",
     "Xtronic CVT", "2.0L 4-Cyl", "28 city / 35 hwy", "Apple CarPlay, Android Auto, Automatic Emergency Braking, Blind Spot Warning, Rearview Camera", A, "3N8", "AB6DB", "L"),
    ("PM4402", N, 2026, "Nissan", "Kicks", "SR", "SUV", "Electric Blue Pearl", "Charcoal Cloth", 12, 27490, "AWD", "Gasoline",
     "Xtronic CVT", "2.0L 4-Cyl", "27 city / 33 hwy", "Intelligent Around View Monitor, Heated Front Seats, Bose Audio, Apple CarPlay, Android Auto, Remote Start", A, "3N8", "AB6DD", "L"),
    ("PM4403", N, 2026, "Nissan", "Versa", "SV", "Sedan", "Super Black", "Charcoal Cloth", 6, 20590, "FWD", "Gasoline",
     "Xtronic CVT", "1.6L 4-Cyl", "32 city / 40 hwy", "Apple CarPlay, Android Auto, Automatic Emergency Braking, Intelligent Cruise Control, Push Button Start", A, "3N1", "CN8EV", "L"),
    ("PM4404", N, 2026, "Nissan", "Sentra", "SV", "Sedan", "Fresh Powder White", "Charcoal Cloth", 9, 23890, "FWD", "Gasoline",
     "Xtronic CVT", "2.0L 4-Cyl", "30 city / 40 hwy", "Apple CarPlay, Android Auto, Blind Spot Warning, Rear Cross Traffic Alert, Alloy Wheels", A, "3N1", "AB8CV", "L"),
    ("PM4405", N, 2026, "Nissan", "Sentra", "SR", "Sedan", "Monarch Orange", "Charcoal Cloth w/ Orange Stitching", 14, 26790, "FWD", "Gasoline",
     "Xtronic CVT", "2.0L 4-Cyl", "30 city / 39 hwy", "Sunroof/Moonroof, Heated Front Seats, Bose Audio, 18-inch Wheels, Apple CarPlay", A, "3N1", "AB8DV", "L"),
    ("PM4406", N, 2026, "Nissan", "Altima", "2.5 SV", "Sedan", "Gun Metallic", "Charcoal Cloth", 11, 28995, "FWD", "Gasoline",
     "Xtronic CVT", "2.5L 4-Cyl", "27 city / 39 hwy", "ProPILOT Assist, Remote Start, Apple CarPlay, Android Auto, Heated Front Seats", A, "1N4", "BL4DV", "N"),
    ("PM4407", N, 2026, "Nissan", "Altima", "2.5 SR", "Sedan", "Scarlet Ember Tintcoat", "Charcoal Cloth", 7, 31490, "AWD", "Gasoline",
     "Xtronic CVT", "2.5L 4-Cyl", "26 city / 36 hwy", "ProPILOT Assist, Sunroof/Moonroof, Heated Front Seats, 19-inch Wheels, Paddle Shifters", P, "1N4", "BL4CW", "N"),
    ("PM4408", N, 2026, "Nissan", "Rogue", "S", "SUV", "Glacier White", "Charcoal Cloth", 10, 30990, "FWD", "Gasoline",
     "Xtronic CVT", "1.5L 3-Cyl Turbo", "30 city / 37 hwy", "Apple CarPlay, Android Auto, Automatic Emergency Braking, Blind Spot Warning, Rearview Camera", A, "5N1", "BT3AA", "C"),
    ("PM4409", N, 2026, "Nissan", "Rogue", "SV", "SUV", "Champagne Silver", "Charcoal Cloth", 15, 34490, "AWD", "Gasoline",
     "Xtronic CVT", "1.5L 3-Cyl Turbo", "28 city / 35 hwy", "ProPILOT Assist, Heated Front Seats, Remote Start, Power Liftgate, Apple CarPlay", A, "5N1", "BT3BB", "C"),
    ("PM4410", N, 2026, "Nissan", "Rogue", "SL", "SUV", "Deep Blue Pearl", "Black Leather", 9, 40290, "AWD", "Gasoline",
     "Xtronic CVT", "1.5L 3-Cyl Turbo", "28 city / 35 hwy", "Leather Seats, Panoramic Moonroof, Heated Steering Wheel, Bose Audio, Intelligent Around View Monitor, Power Liftgate", A, "5N1", "BT3CB", "C"),
    ("PM4411", N, 2026, "Nissan", "Rogue", "Platinum", "SUV", "Pearl White TriCoat", "Semi-Aniline Tan Leather", 5, 43590, "AWD", "Gasoline",
     "Xtronic CVT", "1.5L 3-Cyl Turbo", "28 city / 35 hwy", "Leather Seats, Panoramic Moonroof, Ventilated Front Seats, Head-Up Display, Bose Audio, Massaging Seats", S, "5N1", "BT3DB", "C"),
    ("PM4412", N, 2026, "Nissan", "Murano", "SL", "SUV", "Baja Storm Metallic", "Graphite Leather", 13, 47890, "AWD", "Gasoline",
     "9-Speed Automatic", "2.0L VC-Turbo 4-Cyl", "21 city / 28 hwy", "Leather Seats, Panoramic Moonroof, Heated & Ventilated Front Seats, Bose Audio, ProPILOT Assist", A, "5N1", "AZ3BS", "N"),
    ("PM4413", N, 2026, "Nissan", "Pathfinder", "SV", "SUV", "Boulder Gray Pearl", "Charcoal Cloth", 18, 42690, "4WD", "Gasoline",
     "9-Speed Automatic", "3.5L V6", "20 city / 25 hwy", "Third Row Seating, 8 Passenger Seating, ProPILOT Assist, Tri-Zone Climate Control, Tow Hitch", A, "5N1", "DR3BC", "C"),
    ("PM4414", N, 2026, "Nissan", "Pathfinder", "Platinum", "SUV", "Scarlet Ember Tintcoat", "Almond Semi-Aniline Leather", 16, 52490, "4WD", "Gasoline",
     "9-Speed Automatic", "3.5L V6", "20 city / 25 hwy", "Third Row Seating, 2nd Row Captain's Chairs, Leather Seats, Panoramic Moonroof, Head-Up Display, Bose Audio", A, "5N1", "DR3DC", "C"),
    ("PM4415", N, 2026, "Nissan", "Frontier", "SV Crew Cab", "Truck", "Tactical Green Metallic", "Charcoal Cloth", 21, 41290, "4WD", "Gasoline",
     "9-Speed Automatic", "3.8L V6", "17 city / 22 hwy", "Bed Liner, Tow Hitch, Apple CarPlay, Android Auto, Heated Front Seats", A, "1N6", "ED1EK", "N"),
    ("PM4416", N, 2026, "Nissan", "Frontier", "PRO-4X Crew Cab", "Truck", "Super Black", "Charcoal Cloth w/ Orange Stitching", 19, 46990, "4WD", "Gasoline",
     "9-Speed Automatic", "3.8L V6", "17 city / 22 hwy", "Electronic Locking Rear Differential, Skid Plates, Bilstein Shocks, Fender Audio, Tow Hitch, Bed Liner", A, "1N6", "ED1FK", "N"),
    ("PM4417", N, 2026, "Nissan", "Armada", "SL", "SUV", "Obsidian Green Pearl", "Black Leather", 12, 71490, "4WD", "Gasoline",
     "9-Speed Automatic", "3.5L Twin-Turbo V6", "16 city / 21 hwy", "Third Row Seating, Leather Seats, Panoramic Moonroof, Klipsch Audio, ProPILOT Assist 2.1, Tow Hitch", P, "JN8", "AY3BD", "9"),
    ("PM4418", N, 2026, "Nissan", "ARIYA", "ENGAGE+", "SUV", "Everest White Pearl", "Charcoal Cloth", 24, 42990, "FWD", "Electric",
     "Single-Speed Automatic", "Electric Motor 214 hp", "109 city / 94 hwy", "ProPILOT Assist, Heated Front Seats, Wireless Apple CarPlay, DC Fast Charging, Power Liftgate", A, "JN1", "AF0BA", "M"),
    ("PM4419", N, 2027, "Nissan", "Kicks", "SV", "SUV", "Fresh Powder White", "Charcoal Cloth", 7, 24790, "FWD", "Gasoline",
     "Xtronic CVT", "2.0L 4-Cyl", "28 city / 35 hwy", "Apple CarPlay, Android Auto, Intelligent Cruise Control, Heated Front Seats, Alloy Wheels", A, "3N8", "AB6CA", "L"),
    ("PM4420", N, 2026, "Nissan", "Z", "Performance", "Coupe", "Seiran Blue", "Black Leather/Suede", 10, 54990, "RWD", "Gasoline",
     "6-Speed Manual", "3.0L Twin-Turbo V6", "18 city / 24 hwy", "Leather Seats, Bose Audio, Limited-Slip Differential, 19-inch RAYS Wheels, Launch Control", A, "JN1", "BZ4BH", "T"),

    # ---- Nissan Certified Pre-Owned (6) ----
    ("PM3891", C, 2023, "Nissan", "Rogue", "SV", "SUV", "Gun Metallic", "Charcoal Cloth", 24812, 25990, "AWD", "Gasoline",
     "Xtronic CVT", "2.5L 4-Cyl", "28 city / 34 hwy", "ProPILOT Assist, Heated Front Seats, Remote Start, Apple CarPlay, Power Liftgate", A, "5N1", "BT2BB", "C"),
    ("PM3897", C, 2022, "Nissan", "Altima", "2.5 SR", "Sedan", "Scarlet Ember Tintcoat", "Charcoal Cloth", 31455, 21490, "FWD", "Gasoline",
     "Xtronic CVT", "2.5L 4-Cyl", "27 city / 37 hwy", "Sunroof/Moonroof, Remote Start, Paddle Shifters, Apple CarPlay, 19-inch Wheels", A, "1N4", "BL4CV", "N"),
    ("PM3902", C, 2024, "Nissan", "Sentra", "SR", "Sedan", "Electric Blue Pearl", "Charcoal Cloth", 12330, 21990, "FWD", "Gasoline",
     "Xtronic CVT", "2.0L 4-Cyl", "30 city / 39 hwy", "Sunroof/Moonroof, Heated Front Seats, Bose Audio, Apple CarPlay, Blind Spot Warning", A, "3N1", "AB8DV", "L"),
    ("PM3905", C, 2022, "Nissan", "Pathfinder", "SL", "SUV", "Super Black", "Charcoal Leather", 38120, 31990, "4WD", "Gasoline",
     "9-Speed Automatic", "3.5L V6", "20 city / 25 hwy", "Third Row Seating, Leather Seats, Panoramic Moonroof, Heated Front Seats, Tow Hitch", A, "5N1", "DR3CC", "C"),
    ("PM3911", C, 2023, "Nissan", "Frontier", "SV Crew Cab", "Truck", "Brilliant Silver", "Charcoal Cloth", 27600, 29490, "RWD", "Gasoline",
     "9-Speed Automatic", "3.8L V6", "18 city / 24 hwy", "Bed Liner, Tow Hitch, Apple CarPlay, Android Auto, Rearview Camera", A, "1N6", "ED1EJ", "N"),
    ("PM3915", C, 2023, "Nissan", "Murano", "SL", "SUV", "Pearl White TriCoat", "Graphite Leather", 29004, 28990, "AWD", "Gasoline",
     "Xtronic CVT", "3.5L V6", "20 city / 28 hwy", "Leather Seats, Panoramic Moonroof, Heated Front Seats, Bose Audio, Intelligent Around View Monitor", S, "5N1", "AZ2BS", "N"),

    # ---- Used, all makes (34) ----
    ("PM3720", U, 2021, "Toyota", "Camry", "SE", "Sedan", "Celestial Silver Metallic", "Black SofTex", 45210, 21995, "FWD", "Gasoline",
     "8-Speed Automatic", "2.5L 4-Cyl", "28 city / 39 hwy", "Apple CarPlay, Android Auto, Toyota Safety Sense, Sport Seats, Alloy Wheels", A, "4T1", "G11AK", "U"),
    ("PM3724", U, 2020, "Toyota", "Corolla", "LE", "Sedan", "Classic Silver Metallic", "Black Cloth", 52400, 16495, "FWD", "Gasoline",
     "CVT", "1.8L 4-Cyl", "30 city / 38 hwy", "Apple CarPlay, Toyota Safety Sense, Rearview Camera, Bluetooth", A, "5YF", "EPRAE", "P"),
    ("PM3731", U, 2022, "Toyota", "RAV4", "XLE", "SUV", "Blueprint", "Black Cloth", 33890, 27490, "AWD", "Gasoline",
     "8-Speed Automatic", "2.5L 4-Cyl", "27 city / 34 hwy", "Blind Spot Monitor, Power Liftgate, Apple CarPlay, Android Auto, Roof Rails", A, "2T3", "P1RV2", "W"),
    ("PM3735", U, 2021, "Toyota", "RAV4 Prime", "XSE", "SUV", "Supersonic Red", "Black SofTex", 28700, 36990, "AWD", "Plug-In Hybrid",
     "CVT", "2.5L 4-Cyl Plug-In Hybrid", "40 city / 36 hwy", "Sunroof/Moonroof, Heated Front Seats, Wireless Charging, Head-Up Display, 19-inch Wheels", A, "JTM", "FB3FV", "D"),
    ("PM3740", U, 2020, "Toyota", "Highlander", "XLE", "SUV", "Midnight Black Metallic", "Graphite SofTex", 61200, 29995, "AWD", "Gasoline",
     "8-Speed Automatic", "3.5L V6", "20 city / 27 hwy", "Third Row Seating, Sunroof/Moonroof, Heated Front Seats, Power Liftgate, Apple CarPlay", A, "5TD", "GZRBH", "S"),
    ("PM3744", U, 2022, "Toyota", "Tacoma", "TRD Off-Road Double Cab", "Truck", "Army Green", "Black Cloth", 40120, 36495, "4WD", "Gasoline",
     "6-Speed Automatic", "3.5L V6", "18 city / 22 hwy", "Crawl Control, Locking Rear Differential, Tow Hitch, Bed Liner, Apple CarPlay", A, "3TM", "CZ5AN", "M"),
    ("PM3748", U, 2019, "Toyota", "Tundra", "SR5 CrewMax", "Truck", "Magnetic Gray Metallic", "Graphite Cloth", 78300, 33990, "4WD", "Gasoline",
     "6-Speed Automatic", "5.7L V8", "13 city / 17 hwy", "Tow Hitch, Bed Liner, Running Boards, Rearview Camera, Bluetooth", A, "5TF", "DY5F1", "X"),
    ("PM3752", U, 2021, "Honda", "Civic", "Sport", "Sedan", "Sonic Gray Pearl", "Black Cloth", 38600, 21290, "FWD", "Gasoline",
     "CVT", "2.0L 4-Cyl", "30 city / 37 hwy", "Apple CarPlay, Android Auto, Honda Sensing, Sport Pedals, 18-inch Wheels", A, "2HG", "FC2F8", "H"),
    ("PM3755", U, 2022, "Honda", "CR-V", "EX", "SUV", "Platinum White Pearl", "Gray Cloth", 35480, 26995, "AWD", "Gasoline",
     "CVT", "1.5L 4-Cyl Turbo", "27 city / 32 hwy", "Sunroof/Moonroof, Heated Front Seats, Honda Sensing, Apple CarPlay, Remote Start", A, "2HK", "RW2H5", "H"),
    ("PM3759", U, 2023, "Honda", "CR-V Hybrid", "Sport Touring", "SUV", "Urban Gray Pearl", "Black Leather", 19900, 35490, "AWD", "Hybrid",
     "eCVT", "2.0L 4-Cyl Hybrid", "40 city / 34 hwy", "Leather Seats, Sunroof/Moonroof, Heated Front Seats, Bose Audio, Wireless Apple CarPlay, Power Liftgate", A, "7FA", "RS6H9", "E"),
    ("PM3762", U, 2021, "Honda", "Accord Hybrid", "EX-L", "Sedan", "Radiant Red Metallic", "Ivory Leather", 41300, 25990, "FWD", "Hybrid",
     "eCVT", "2.0L 4-Cyl Hybrid", "48 city / 47 hwy", "Leather Seats, Sunroof/Moonroof, Heated Front Seats, Honda Sensing, Apple CarPlay", A, "1HG", "CV3F5", "A"),
    ("PM3766", U, 2020, "Honda", "Pilot", "EX-L", "SUV", "Crystal Black Pearl", "Gray Leather", 68900, 27990, "AWD", "Gasoline",
     "9-Speed Automatic", "3.5L V6", "19 city / 26 hwy", "Third Row Seating, Leather Seats, Sunroof/Moonroof, Power Liftgate, Honda Sensing", A, "5FN", "YF6H5", "B"),
    ("PM3770", U, 2022, "Honda", "Odyssey", "EX-L", "Minivan", "Modern Steel Metallic", "Gray Leather", 44700, 32490, "FWD", "Gasoline",
     "10-Speed Automatic", "3.5L V6", "19 city / 28 hwy", "Third Row Seating, Leather Seats, Sunroof/Moonroof, Power Sliding Doors, Rear Entertainment Prep", A, "5FN", "RL6H7", "B"),
    ("PM3773", U, 2018, "Ford", "F-150", "XLT SuperCrew", "Truck", "Oxford White", "Medium Earth Gray Cloth", 89450, 27995, "4WD", "Gasoline",
     "10-Speed Automatic", "2.7L EcoBoost V6", "18 city / 23 hwy", "Tow Hitch, Bed Liner, Rearview Camera, SYNC 3, Running Boards", A, "1FT", "EW1EP", "F"),
    ("PM3777", U, 2021, "Ford", "F-150", "Lariat SuperCrew", "Truck", "Agate Black Metallic", "Black Leather", 52100, 41990, "4WD", "Gasoline",
     "10-Speed Automatic", "3.5L EcoBoost V6", "18 city / 23 hwy", "Leather Seats, Panoramic Moonroof, Pro Power Onboard, B&O Audio, Tow Hitch, Heated & Ventilated Front Seats", A, "1FT", "FW1E8", "F"),
    ("PM3781", U, 2022, "Ford", "Explorer", "XLT", "SUV", "Iconic Silver Metallic", "Ebony Cloth", 39800, 31490, "AWD", "Gasoline",
     "10-Speed Automatic", "2.3L EcoBoost 4-Cyl", "20 city / 27 hwy", "Third Row Seating, Power Liftgate, Heated Front Seats, SYNC 3, Apple CarPlay", A, "1FM", "SK8DH", "G"),
    ("PM3788", U, 2021, "Ford", "Mustang", "GT Premium", "Convertible", "Race Red", "Ebony Leather", 22400, 36990, "RWD", "Gasoline",
     "10-Speed Automatic", "5.0L V8", "15 city / 24 hwy", "Leather Seats, Power Convertible Top, Heated & Ventilated Front Seats, B&O Audio, Active Exhaust", A, "1FA", "TP8FF", "5"),
    ("PM3792", U, 2019, "Chevrolet", "Silverado 1500", "LT Crew Cab", "Truck", "Summit White", "Jet Black Cloth", 72800, 30490, "4WD", "Gasoline",
     "8-Speed Automatic", "5.3L V8", "16 city / 22 hwy", "Tow Hitch, Bed Liner, Apple CarPlay, Rearview Camera, Remote Start", A, "1GC", "UYDED", "Z"),
    ("PM3795", U, 2021, "Chevrolet", "Tahoe", "LT", "SUV", "Black", "Jet Black Leather", 49300, 46990, "4WD", "Gasoline",
     "10-Speed Automatic", "5.3L V8", "15 city / 20 hwy", "Third Row Seating, Leather Seats, Sunroof/Moonroof, Heated Front Seats, Tow Hitch, Power Liftgate", A, "1GN", "SKNKD", "R"),
    ("PM3802", U, 2020, "Chevrolet", "Malibu", "LT", "Sedan", "Mosaic Black Metallic", "Jet Black Cloth", 59800, 15990, "FWD", "Gasoline",
     "CVT", "1.5L 4-Cyl Turbo", "29 city / 36 hwy", "Apple CarPlay, Android Auto, Remote Start, Rearview Camera, Alloy Wheels", S, "1G1", "ZD5ST", "F"),
    ("PM3806", U, 2022, "Hyundai", "Tucson", "SEL", "SUV", "Amazon Gray", "Black Cloth", 29700, 24490, "AWD", "Gasoline",
     "8-Speed Automatic", "2.5L 4-Cyl", "24 city / 29 hwy", "Blind Spot Warning, Heated Front Seats, Apple CarPlay, Android Auto, Power Liftgate", A, "5NM", "JBCAE", "H"),
    ("PM3809", U, 2021, "Hyundai", "Elantra", "SEL", "Sedan", "Intense Blue", "Black Cloth", 40100, 17495, "FWD", "Gasoline",
     "IVT", "2.0L 4-Cyl", "33 city / 43 hwy", "Apple CarPlay, Android Auto, Blind Spot Warning, Rearview Camera", A, "5NP", "LM4AG", "H"),
    ("PM3817", U, 2022, "Kia", "Telluride", "EX", "SUV", "Glacier White Pearl", "Black SynTex", 36900, 37490, "AWD", "Gasoline",
     "8-Speed Automatic", "3.8L V6", "20 city / 24 hwy", "Third Row Seating, 2nd Row Captain's Chairs, Sunroof/Moonroof, Heated & Ventilated Front Seats, Power Liftgate", A, "5XY", "P4DHC", "G"),
    ("PM3820", U, 2021, "Kia", "Forte", "LXS", "Sedan", "Gravity Gray", "Black Cloth", 47200, 15495, "FWD", "Gasoline",
     "IVT", "2.0L 4-Cyl", "31 city / 41 hwy", "Apple CarPlay, Android Auto, Rearview Camera, Alloy Wheels", A, "3KP", "F24AD", "E"),
    ("PM3828", U, 2021, "Jeep", "Grand Cherokee", "Limited", "SUV", "Diamond Black Crystal", "Black Leather", 47900, 31990, "4WD", "Gasoline",
     "8-Speed Automatic", "3.6L V6", "19 city / 26 hwy", "Leather Seats, Sunroof/Moonroof, Heated Front Seats, Remote Start, Tow Hitch", A, "1C4", "RJFBG", "C"),
    ("PM3831", U, 2022, "Jeep", "Wrangler Unlimited", "Sahara 4xe", "SUV", "Hydro Blue Pearl", "Black Leather", 30200, 38490, "4WD", "Plug-In Hybrid",
     "8-Speed Automatic", "2.0L Turbo 4-Cyl Plug-In Hybrid", "20 city / 20 hwy", "Leather Seats, Removable Hardtop, Heated Front Seats, Alpine Audio, Tow Hitch", P, "1C4", "JJXP6", "W"),
    ("PM3835", U, 2019, "BMW", "X5", "xDrive40i", "SUV", "Alpine White", "Cognac Vernasca Leather", 58700, 34990, "AWD", "Gasoline",
     "8-Speed Automatic", "3.0L Turbo 6-Cyl", "20 city / 26 hwy", "Leather Seats, Panoramic Moonroof, Heated Front Seats, Navigation, Harman Kardon Audio", A, "5UX", "CR6C5", "L"),
    ("PM3839", U, 2020, "Mercedes-Benz", "C-Class", "C 300", "Sedan", "Polar White", "Black MB-Tex", 44300, 26490, "RWD", "Gasoline",
     "9-Speed Automatic", "2.0L Turbo 4-Cyl", "24 city / 35 hwy", "Sunroof/Moonroof, Heated Front Seats, Apple CarPlay, Blind Spot Assist, Ambient Lighting", A, "W1K", "WF8DB", "R"),
    ("PM3842", U, 2021, "Tesla", "Model 3", "Long Range", "Sedan", "Pearl White Multi-Coat", "Black Premium Interior", 35600, 27990, "AWD", "Electric",
     "Single-Speed Automatic", "Dual Electric Motors", "134 city / 126 hwy", "Autopilot, Glass Roof, Heated Front Seats, Premium Audio, Navigation", A, "5YJ", "3E1EB", "F"),
    ("PM3846", U, 2020, "Mazda", "CX-5", "Touring", "SUV", "Soul Red Crystal", "Black Leatherette", 50100, 21490, "AWD", "Gasoline",
     "6-Speed Automatic", "2.5L 4-Cyl", "24 city / 30 hwy", "Blind Spot Monitoring, Heated Front Seats, Apple CarPlay, Power Liftgate", A, "JM3", "KFBCM", "0"),
    ("PM3850", U, 2021, "Subaru", "Outback", "Premium", "Wagon", "Autumn Green Metallic", "Slate Black Cloth", 43200, 24990, "AWD", "Gasoline",
     "CVT", "2.5L 4-Cyl", "26 city / 33 hwy", "EyeSight Driver Assist, Heated Front Seats, Roof Rails, Apple CarPlay, Android Auto", A, "4S4", "BTACC", "3"),
    ("PM3853", U, 2022, "Lexus", "RX", "350 F Sport", "SUV", "Ultra White", "Black Leather", 27900, 43990, "AWD", "Gasoline",
     "8-Speed Automatic", "3.5L V6", "19 city / 26 hwy", "Leather Seats, Sunroof/Moonroof, Heated & Ventilated Front Seats, Navigation, Mark Levinson Audio", A, "2T2", "YZMDA", "C"),
    ("PM3857", U, 2017, "Nissan", "Altima", "2.5 S", "Sedan", "Brilliant Silver", "Charcoal Cloth", 98400, 10995, "FWD", "Gasoline",
     "Xtronic CVT", "2.5L 4-Cyl", "27 city / 39 hwy", "Rearview Camera, Bluetooth, Push Button Start, Cruise Control", A, "1N4", "AL3AP", "N"),
    ("PM3861", U, 2019, "Nissan", "Rogue", "SV", "SUV", "Magnetic Black", "Charcoal Cloth", 71200, 15990, "AWD", "Gasoline",
     "Xtronic CVT", "2.5L 4-Cyl", "25 city / 32 hwy", "Rearview Camera, Apple CarPlay, Blind Spot Warning, Power Driver Seat", A, "5N1", "AT2MV", "C"),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "inventory.csv")
    stocks = set()
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        for row in V:
            (stock, cond, year, make, model, trim, body, ext, intr, miles, price, drive, fuel,
             trans, engine, mpg, equip, avail, wmi, vds, plant) = row
            assert stock not in stocks, stock
            assert not set(wmi + vds + plant) & set("IOQ"), stock
            stocks.add(stock)
            w.writerow([stock, vin(wmi, vds, year, plant), cond, year, make, model, trim, body, ext, intr,
                        miles, price, drive, fuel, trans, engine, mpg, equip, avail,
                        f"https://www.plazamotors.example/inventario/{stock}"])
    print(f"wrote {len(V)} vehicles to {out}")


if __name__ == "__main__":
    main()
