#!/usr/bin/env python3
"""Generates documents/inventory.csv for Cedar Valley Toyota (fictional).

Deterministic: every vehicle is listed by hand below; only VIN serials are drawn
from a seeded RNG. Run:  python3 sources/make_inventory.py
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "documents", "inventory.csv")

HEADERS = ["Stock #", "VIN", "Type", "Year", "Make", "Model", "Trim", "Body", "Ext. Color",
           "Int. Color", "Odometer", "MSRP", "Internet Price", "Drivetrain", "Fuel Type",
           "Transmission", "Engine", "City MPG", "Hwy MPG", "Options", "Status", "VDP URL"]

YEAR_CODE = {2014: "E", 2015: "F", 2016: "G", 2017: "H", 2018: "J", 2019: "K", 2020: "L",
             2021: "M", 2022: "N", 2023: "P", 2024: "R", 2025: "S", 2026: "T", 2027: "V"}
TRANSLIT = {**{str(d): d for d in range(10)},
            "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
            "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
            "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9}
WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

rng = random.Random(20261207)


def vin(prefix8, year, plant):
    serial = "%06d" % rng.randint(10000, 999999)
    body = prefix8 + "0" + YEAR_CODE[year] + plant + serial
    total = sum(TRANSLIT[c] * w for c, w in zip(body, WEIGHTS))
    check = total % 11
    return body[:8] + ("X" if check == 10 else str(check)) + body[9:]


def money(n):
    return "" if n is None else "${:,}".format(n)


# ---- shared option bundles -------------------------------------------------
TSS = "Toyota Safety Sense 3.0"
BASE = [TSS, "Apple CarPlay", "Android Auto", "Backup Camera"]

# (stock, type, year, make, model, trim, body, ext, int, odo, msrp, price, drive, fuel,
#  trans, engine, city, hwy, options, status, vin_prefix, plant)
V = []


def add(stock, typ, year, make, model, trim, body, ext, intc, odo, msrp, price, drive, fuel,
        trans, engine, city, hwy, options, status, prefix, plant):
    V.append(dict(stock=stock, typ=typ, year=year, make=make, model=model, trim=trim, body=body,
                  ext=ext, intc=intc, odo=odo, msrp=msrp, price=price, drive=drive, fuel=fuel,
                  trans=trans, engine=engine, city=city, hwy=hwy, options=options,
                  status=status, vin=vin(prefix, year, plant)))


T = "Toyota"
# ============================ NEW (45) ======================================
# Corolla sedan
add("CV26101", "New", 2026, T, "Corolla", "LE", "Sedan", "Celestial Silver Metallic", "Black Fabric", 7,
    23645, 22995, "FWD", "Gasoline", "CVT", "2.0L 4-Cyl", 32, 41,
    BASE + ["LED Headlights", "Blind Spot Monitor"], "In Stock", "5YFB4MDE", "P")
add("CV26102", "New", 2026, T, "Corolla", "LE", "Sedan", "Blueprint", "Black Fabric", 11,
    23645, 22995, "FWD", "Gasoline", "CVT", "2.0L 4-Cyl", 32, 41,
    BASE + ["LED Headlights", "Blind Spot Monitor"], "Sold", "5YFB4MDE", "P")
add("CV26103", "New", 2026, T, "Corolla Hybrid", "LE", "Sedan", "Ice Cap", "Light Gray Fabric", 5,
    26450, 25850, "AWD", "Hybrid", "ECVT", "1.8L 4-Cyl Hybrid", 48, 43,
    BASE + ["Blind Spot Monitor", "Heated Front Seats"], "In Stock", "JTDBCMFE", "J")
add("CV26104", "New", 2026, T, "Corolla Hatchback", "SE", "Hatchback", "Supersonic Red", "Black SofTex", 9,
    25385, 24795, "FWD", "Gasoline", "CVT", "2.0L 4-Cyl", 32, 41,
    BASE + ["Blind Spot Monitor", "Heated Front Seats", "Wireless Charging"], "In Stock", "JTND4MBE", "J")
add("CV26105", "New", 2026, T, "GR Corolla", "Core", "Hatchback", "Heavy Metal", "Black Fabric", 14,
    39920, 39920, "AWD", "Gasoline", "6-Speed Manual", "1.6L Turbo 3-Cyl", 21, 28,
    ["Apple CarPlay", "Android Auto", "Backup Camera", "JBL Premium Audio", "Heated Front Seats"],
    "In Stock", "JTNABAAE", "J")
# Corolla Cross
add("CV26106", "New", 2026, T, "Corolla Cross", "L", "SUV", "Ice Cap", "Black Fabric", 8,
    25010, 24510, "FWD", "Gasoline", "CVT", "2.0L 4-Cyl", 31, 33,
    BASE, "In Stock", "7MUAAABG", "W")
add("CV26107", "New", 2026, T, "Corolla Cross", "LE", "SUV", "Cavalry Blue", "Black Fabric", 6,
    28950, 28250, "AWD", "Gasoline", "CVT", "2.0L 4-Cyl", 30, 33,
    BASE + ["Blind Spot Monitor", "Heated Front Seats", "Power Liftgate", "Roof Rails"],
    "In Stock", "7MUAAABG", "W")
add("CV26108", "New", 2026, T, "Corolla Cross Hybrid", "S", "SUV", "Magnetic Gray Metallic", "Black Fabric", 12,
    30640, 29990, "AWD", "Hybrid", "ECVT", "2.0L 4-Cyl Hybrid", 45, 38,
    BASE + ["Blind Spot Monitor", "Heated Front Seats", "Roof Rails"], "In Stock", "7MUFBABG", "W")
add("CV26109", "New", 2026, T, "Corolla Cross Hybrid", "XSE", "SUV", "Wind Chill Pearl", "Black SofTex", 4,
    33510, 32810, "AWD", "Hybrid", "ECVT", "2.0L 4-Cyl Hybrid", 45, 38,
    BASE + ["Power Moonroof", "SofTex Seats", "Heated Front Seats", "Wireless Charging", "Power Liftgate",
            "Blind Spot Monitor"], "In Stock", "7MUFBABG", "W")
# Camry (hybrid only)
add("CV26110", "New", 2026, T, "Camry", "LE", "Sedan", "Midnight Black Metallic", "Black Fabric", 9,
    29495, 28795, "FWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 53, 49,
    BASE + ["Blind Spot Monitor", "Adaptive Cruise Control"], "In Stock", "4T1DAACK", "U")
add("CV26111", "New", 2026, T, "Camry", "LE", "Sedan", "Celestial Silver Metallic", "Light Gray Fabric", 15,
    29495, 28795, "FWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 53, 49,
    BASE + ["Blind Spot Monitor", "Adaptive Cruise Control"], "In Stock", "4T1DAACK", "U")
add("CV26112", "New", 2026, T, "Camry", "SE", "Sedan", "Reservoir Blue", "Black SofTex", 6,
    33795, 32995, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 44, 43,
    BASE + ["SofTex Seats", "Heated Front Seats", "Blind Spot Monitor", "Wireless Charging"],
    "In Stock", "4T1DAACK", "U")
add("CV26113", "New", 2026, T, "Camry", "XSE", "Sedan", "Supersonic Red", "Cockpit Red SofTex", 3,
    36295, 36295, "FWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 48, 47,
    BASE + ["Power Moonroof", "SofTex Seats", "Heated Front Seats", "Ventilated Front Seats",
            "JBL Premium Audio", "Head-Up Display"], "In Transit", "4T1DAACK", "U")
add("CV26114", "New", 2026, T, "Camry", "XLE", "Sedan", "Wind Chill Pearl", "Macadamia Leather", 10,
    36695, 35895, "FWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 51, 49,
    BASE + ["Leather-Trimmed Seats", "Heated Front Seats", "Ventilated Front Seats", "Power Moonroof",
            "Navigation", "Wireless Charging"], "In Stock", "4T1DAACK", "U")
# RAV4 (hybrid only for 2026)
add("CV26115", "New", 2026, T, "RAV4", "LE", "SUV", "Lunar Rock", "Black Fabric", 8,
    32950, 32250, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 44, 40,
    BASE + ["Blind Spot Monitor", "Roof Rails"], "In Stock", "2T3RWRFV", "C")
add("CV26116", "New", 2026, T, "RAV4", "LE", "SUV", "Ice Cap", "Black Fabric", 5,
    32950, 32250, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 44, 40,
    BASE + ["Blind Spot Monitor", "Roof Rails"], "In Stock", "2T3RWRFV", "C")
add("CV26117", "New", 2026, T, "RAV4", "XLE", "SUV", "Blueprint", "Black SofTex", 13,
    35450, 34750, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 44, 40,
    BASE + ["SofTex Seats", "Heated Front Seats", "Power Liftgate", "Blind Spot Monitor", "Roof Rails"],
    "In Stock", "2T3RWRFV", "C")
add("CV26118", "New", 2026, T, "RAV4", "Woodland", "SUV", "Everest", "Black Fabric", 2,
    38950, 38950, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 42, 38,
    BASE + ["All-Terrain Tires", "Roof Rails", "Tow Hitch", "Heated Front Seats"],
    "In Transit", "2T3RWRFV", "C")
add("CV26119", "New", 2026, T, "RAV4", "XSE Plug-in Hybrid", "SUV", "Supersonic Red", "Black SofTex", 6,
    47800, 46900, "AWD", "Plug-In Hybrid", "ECVT", "2.5L 4-Cyl Plug-In Hybrid", 44, 40,
    BASE + ["Panoramic Moonroof", "SofTex Seats", "Heated Front Seats", "Ventilated Front Seats",
            "JBL Premium Audio", "Wireless Charging", "Power Liftgate"], "In Stock", "JTMFB3FV", "J")
add("CV26120", "New", 2026, T, "RAV4", "Limited", "SUV", "Wind Chill Pearl", "Chateau Leather", 9,
    42900, 41950, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 44, 40,
    BASE + ["Leather-Trimmed Seats", "Power Moonroof", "Heated Front Seats", "Ventilated Front Seats",
            "Heated Steering Wheel", "Navigation", "Panoramic View Monitor", "Power Liftgate"],
    "In Stock", "2T3RWRFV", "C")
# Highlander / Grand Highlander
add("CV26121", "New", 2026, T, "Highlander", "XLE", "SUV", "Magnetic Gray Metallic", "Black SofTex", 7,
    47490, 46490, "AWD", "Gasoline", "8-Speed Automatic", "2.4L Turbo 4-Cyl", 21, 28,
    BASE + ["Third Row Seating", "SofTex Seats", "Power Moonroof", "Heated Front Seats", "Power Liftgate",
            "Tow Hitch"], "In Stock", "5TDKDRAH", "S")
add("CV26122", "New", 2026, T, "Highlander Hybrid", "Limited", "SUV", "Celestial Silver Metallic", "Glazed Caramel Leather", 4,
    53420, 52420, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 36, 35,
    BASE + ["Third Row Seating", "Leather-Trimmed Seats", "Power Moonroof", "Heated Front Seats",
            "Ventilated Front Seats", "JBL Premium Audio", "Navigation", "Panoramic View Monitor"],
    "In Stock", "5TDXBRCH", "S")
add("CV26123", "New", 2026, T, "Grand Highlander", "XLE", "SUV", "Storm Cloud", "Black SofTex", 10,
    49975, 48975, "AWD", "Gasoline", "8-Speed Automatic", "2.4L Turbo 4-Cyl", 21, 28,
    BASE + ["Third Row Seating", "SofTex Seats", "Power Moonroof", "Heated Front Seats", "Power Liftgate",
            "Tow Hitch", "Wireless Charging"], "In Stock", "5TDAAAB5", "S")
add("CV26124", "New", 2026, T, "Grand Highlander Hybrid", "Limited", "SUV", "Wind Chill Pearl", "Black Leather", 1,
    55800, 55800, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 37, 34,
    BASE + ["Third Row Seating", "Leather-Trimmed Seats", "Panoramic Moonroof", "Heated Front Seats",
            "Ventilated Front Seats", "JBL Premium Audio", "Navigation", "Panoramic View Monitor"],
    "In Transit", "5TDACAB5", "S")
# Tacoma
add("CV26125", "New", 2026, T, "Tacoma", "SR5 Double Cab", "Double Cab Pickup", "Ice Cap", "Black Fabric", 9,
    40170, 39370, "4WD", "Gasoline", "8-Speed Automatic", "2.4L Turbo 4-Cyl", 19, 24,
    BASE + ["Tow Package", "Bed Liner", "Heated Front Seats"], "In Stock", "3TYLB5JN", "X")
add("CV26126", "New", 2026, T, "Tacoma", "SR5 Double Cab", "Double Cab Pickup", "Underground", "Black Fabric", 12,
    40170, 39370, "4WD", "Gasoline", "8-Speed Automatic", "2.4L Turbo 4-Cyl", 19, 24,
    BASE + ["Tow Package", "Bed Liner", "Heated Front Seats"], "Sold", "3TYLB5JN", "X")
add("CV26127", "New", 2026, T, "Tacoma", "TRD Off-Road Double Cab", "Double Cab Pickup", "Solar Octane", "Black SofTex", 6,
    47120, 46320, "4WD", "Gasoline", "8-Speed Automatic", "2.4L Turbo 4-Cyl", 18, 23,
    BASE + ["Tow Package", "Bed Liner", "Skid Plates", "Crawl Control", "Locking Rear Differential",
            "SofTex Seats", "Heated Front Seats"], "In Stock", "3TYLB5JN", "X")
add("CV26128", "New", 2026, T, "Tacoma", "TRD Sport Double Cab", "Double Cab Pickup", "Midnight Black Metallic", "Black Fabric", 5,
    39290, 38590, "RWD", "Gasoline", "8-Speed Automatic", "2.4L Turbo 4-Cyl", 20, 26,
    BASE + ["Tow Package", "Bed Liner", "Wireless Charging"], "In Stock", "3TYLB5JN", "X")
# Tundra
add("CV26129", "New", 2026, T, "Tundra", "SR5 CrewMax", "Crew Cab Pickup", "Celestial Silver Metallic", "Black Fabric", 11,
    55870, 54370, "4WD", "Gasoline", "10-Speed Automatic", "3.4L Twin-Turbo V6", 17, 22,
    BASE + ["Tow Package", "Bed Liner", "Heated Front Seats", "Remote Start"], "In Stock", "5TFLA5DB", "X")
add("CV26130", "New", 2026, T, "Tundra", "SR5 CrewMax", "Crew Cab Pickup", "Magnetic Gray Metallic", "Black Fabric", 8,
    55870, 54370, "4WD", "Gasoline", "10-Speed Automatic", "3.4L Twin-Turbo V6", 17, 22,
    BASE + ["Tow Package", "Bed Liner", "Heated Front Seats", "Remote Start"], "Pending", "5TFLA5DB", "X")
add("CV26131", "New", 2026, T, "Tundra", "Limited CrewMax", "Crew Cab Pickup", "Supersonic Red", "Black Leather", 7,
    63400, 61900, "4WD", "Gasoline", "10-Speed Automatic", "3.4L Twin-Turbo V6", 17, 22,
    BASE + ["Tow Package", "Leather-Trimmed Seats", "Power Moonroof", "Heated Front Seats",
            "Ventilated Front Seats", "Navigation", "JBL Premium Audio", "Remote Start"],
    "In Stock", "5TFLA5DB", "X")
add("CV26132", "New", 2026, T, "Tundra Hybrid", "Platinum CrewMax", "Crew Cab Pickup", "Wind Chill Pearl", "Saddle Tan Leather", 3,
    71500, 71500, "4WD", "Hybrid", "10-Speed Automatic", "3.4L Twin-Turbo V6 Hybrid", 20, 24,
    BASE + ["Tow Package", "Leather-Trimmed Seats", "Panoramic Moonroof", "Heated Front Seats",
            "Ventilated Front Seats", "Heated Steering Wheel", "Navigation", "JBL Premium Audio",
            "Panoramic View Monitor", "Remote Start"], "In Transit", "5TFMV5DB", "X")
# 4Runner
add("CV26133", "New", 2026, T, "4Runner", "SR5", "SUV", "Lunar Rock", "Black Fabric", 9,
    44370, 43570, "4WD", "Gasoline", "8-Speed Automatic", "2.4L Turbo 4-Cyl", 19, 22,
    BASE + ["Tow Hitch", "Heated Front Seats", "Roof Rails"], "In Stock", "JTEVA5AR", "W")
add("CV26134", "New", 2026, T, "4Runner", "TRD Off-Road Premium", "SUV", "Everest", "Black SofTex", 4,
    54690, 53690, "4WD", "Gasoline", "8-Speed Automatic", "2.4L Turbo 4-Cyl", 19, 22,
    BASE + ["Tow Hitch", "SofTex Seats", "Power Moonroof", "Heated Front Seats", "Crawl Control",
            "Locking Rear Differential", "Skid Plates", "JBL Premium Audio"], "In Stock", "JTEVA5AR", "W")
# Sienna
add("CV26135", "New", 2026, T, "Sienna", "LE", "Minivan", "Celestial Silver Metallic", "Black Fabric", 6,
    40445, 39745, "FWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 36, 36,
    BASE + ["Third Row Seating", "Power Sliding Doors", "Blind Spot Monitor"], "In Stock", "5TDKSKFC", "S")
add("CV26136", "New", 2026, T, "Sienna", "XLE", "Minivan", "Ruby Flare Pearl", "Chateau SofTex", 10,
    48710, 47710, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 35, 36,
    BASE + ["Third Row Seating", "Power Sliding Doors", "SofTex Seats", "Power Moonroof", "Heated Front Seats",
            "Power Liftgate"], "Pending", "5TDKSKFC", "S")
# Prius / bZ / Crown / Sequoia / GR86
add("CV26137", "New", 2026, T, "Prius", "LE", "Hatchback", "Cutting Edge", "Black Fabric", 8,
    28945, 28345, "FWD", "Hybrid", "ECVT", "2.0L 4-Cyl Hybrid", 57, 56,
    BASE + ["Blind Spot Monitor", "Wireless Charging"], "In Stock", "JTDACACU", "J")
add("CV26138", "New", 2026, T, "Prius", "XLE", "Hatchback", "Reservoir Blue", "Black SofTex", 5,
    34320, 33620, "AWD", "Hybrid", "ECVT", "2.0L 4-Cyl Hybrid", 49, 50,
    BASE + ["SofTex Seats", "Heated Front Seats", "Ventilated Front Seats", "Fixed Glass Roof",
            "Wireless Charging"], "In Stock", "JTDACACU", "J")
add("CV26139", "New", 2026, T, "bZ", "XLE", "SUV", "Heavy Metal", "Black SofTex", 3,
    37900, 34900, "FWD", "Electric", "1-Speed Direct Drive", "Electric Motor 221 hp", None, None,
    BASE + ["SofTex Seats", "Heated Front Seats", "Heated Steering Wheel", "Wireless Charging",
            "DC Fast Charging"], "In Stock", "JTMABACA", "J")
add("CV26140", "New", 2026, T, "Crown", "XLE", "Sedan", "Bronze Age Metallic", "Black SofTex", 6,
    41440, 41440, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 42, 41,
    BASE + ["SofTex Seats", "Heated Front Seats", "Ventilated Front Seats", "Navigation",
            "JBL Premium Audio"], "In Transit", "JTDAFAAF", "J")
add("CV26141", "New", 2026, T, "Sequoia", "SR5", "SUV", "Midnight Black Metallic", "Black SofTex", 9,
    64600, 63100, "4WD", "Hybrid", "10-Speed Automatic", "3.4L Twin-Turbo V6 Hybrid", 19, 22,
    BASE + ["Third Row Seating", "Tow Package", "SofTex Seats", "Heated Front Seats", "Power Liftgate",
            "Remote Start"], "In Stock", "7SVAAABA", "X")
add("CV26142", "New", 2026, T, "GR86", "Premium", "Coupe", "Track bRED", "Black Ultrasuede", 12,
    34295, 34295, "RWD", "Gasoline", "6-Speed Manual", "2.4L 4-Cyl", 20, 26,
    ["Apple CarPlay", "Android Auto", "Backup Camera", "Heated Front Seats", "Limited-Slip Differential"],
    "In Stock", "JF1ZNBB1", "9")
# 2025 leftovers
add("CV25118", "New", 2025, T, "Tundra", "SR5 CrewMax", "Crew Cab Pickup", "Midnight Black Metallic", "Black Fabric", 18,
    54995, 49495, "4WD", "Gasoline", "10-Speed Automatic", "3.4L Twin-Turbo V6", 18, 24,
    BASE + ["Tow Package", "Bed Liner", "Heated Front Seats", "Remote Start"], "In Stock", "5TFLA5DB", "X")
add("CV25131", "New", 2025, T, "Camry", "SE", "Sedan", "Ice Cap", "Black SofTex", 21,
    33400, 30995, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 44, 43,
    BASE + ["SofTex Seats", "Heated Front Seats", "Blind Spot Monitor"], "In Stock", "4T1DAACK", "U")
add("CV25142", "New", 2025, T, "RAV4 Hybrid", "XLE", "SUV", "Ruby Flare Pearl", "Black Fabric", 16,
    36100, 33650, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 41, 38,
    BASE + ["Power Moonroof", "Heated Front Seats", "Power Liftgate", "Blind Spot Monitor"],
    "In Stock", "JTMEWRFV", "J")

# ============================ CERTIFIED (15) ================================
add("CVU3391", "Certified", 2023, T, "RAV4", "XLE", "SUV", "Blueprint", "Black Fabric", 28412,
    None, 29995, "AWD", "Gasoline", "8-Speed Automatic", "2.5L 4-Cyl", 27, 34,
    BASE[1:] + ["Toyota Safety Sense 2.5+", "Power Moonroof", "Blind Spot Monitor", "Heated Front Seats"],
    "In Stock", "2T3P1RFV", "W")
add("CVU3394", "Certified", 2022, T, "RAV4 Hybrid", "XLE", "SUV", "Lunar Rock", "Black SofTex", 41230,
    None, 30450, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 41, 38,
    BASE[1:] + ["Toyota Safety Sense 2.0", "Power Moonroof", "SofTex Seats", "Heated Front Seats"],
    "In Stock", "JTMRWRFV", "D")
add("CVU3402", "Certified", 2021, T, "RAV4", "LE", "SUV", "Silver Sky Metallic", "Black Fabric", 62118,
    None, 23995, "FWD", "Gasoline", "8-Speed Automatic", "2.5L 4-Cyl", 27, 35,
    BASE[1:] + ["Toyota Safety Sense 2.0"], "In Stock", "2T3H1RFV", "W")
add("CVU3407", "Certified", 2024, T, "Camry", "SE", "Sedan", "Celestial Silver Metallic", "Black SofTex", 18940,
    None, 27488, "FWD", "Gasoline", "8-Speed Automatic", "2.5L 4-Cyl", 28, 39,
    BASE[1:] + ["Toyota Safety Sense 2.5+", "SofTex Seats", "Blind Spot Monitor"], "In Stock", "4T1G11AK", "U")
add("CVU3410", "Certified", 2022, T, "Camry Hybrid", "XLE", "Sedan", "Wind Chill Pearl", "Macadamia Leather", 36770,
    None, 28900, "FWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 51, 53,
    BASE[1:] + ["Toyota Safety Sense 2.5+", "Leather-Trimmed Seats", "Heated Front Seats", "Power Moonroof",
                "Navigation"], "In Stock", "4T1F31AK", "U")
add("CVU3413", "Certified", 2023, T, "Corolla", "LE", "Sedan", "Classic Silver Metallic", "Black Fabric", 22504,
    None, 21750, "FWD", "Gasoline", "CVT", "2.0L 4-Cyl", 32, 41,
    BASE[1:] + ["Toyota Safety Sense 3.0"], "Sold", "5YFB4MDE", "P")
add("CVU3415", "Certified", 2022, T, "Highlander", "XLE", "SUV", "Magnetic Gray Metallic", "Black SofTex", 44890,
    None, 36995, "AWD", "Gasoline", "8-Speed Automatic", "3.5L V6", 20, 27,
    BASE[1:] + ["Toyota Safety Sense 2.5+", "Third Row Seating", "SofTex Seats", "Power Moonroof",
                "Heated Front Seats", "Power Liftgate", "Tow Hitch"], "Pending", "5TDGZRBH", "S")
add("CVU3418", "Certified", 2021, T, "Highlander Hybrid", "Limited", "SUV", "Ruby Flare Pearl", "Glazed Caramel Leather", 58300,
    None, 39450, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 36, 35,
    BASE[1:] + ["Toyota Safety Sense 2.5+", "Third Row Seating", "Leather-Trimmed Seats", "Power Moonroof",
                "Heated Front Seats", "Ventilated Front Seats", "JBL Premium Audio", "Navigation"],
    "In Stock", "5TDXBRCH", "S")
add("CVU3421", "Certified", 2023, T, "Tacoma", "TRD Off-Road Double Cab", "Double Cab Pickup", "Army Green", "Black Fabric", 27600,
    None, 38750, "4WD", "Gasoline", "6-Speed Automatic", "3.5L V6", 18, 22,
    BASE[1:] + ["Toyota Safety Sense P", "Tow Package", "Bed Liner", "Crawl Control", "Locking Rear Differential"],
    "In Stock", "3TYCZ5AN", "X")
add("CVU3424", "Certified", 2022, T, "Tundra", "SR5 CrewMax", "Crew Cab Pickup", "Magnetic Gray Metallic", "Black Fabric", 39840,
    None, 45900, "4WD", "Gasoline", "10-Speed Automatic", "3.4L Twin-Turbo V6", 17, 22,
    BASE[1:] + ["Toyota Safety Sense 2.5", "Tow Package", "Bed Liner", "Heated Front Seats"],
    "In Stock", "5TFLA5DB", "X")
add("CVU3427", "Certified", 2021, T, "4Runner", "SR5 Premium", "SUV", "Super White", "Black SofTex", 51220,
    None, 37495, "4WD", "Gasoline", "5-Speed Automatic", "4.0L V6", 16, 19,
    BASE[1:] + ["Toyota Safety Sense P", "SofTex Seats", "Power Moonroof", "Heated Front Seats",
                "Navigation", "Tow Hitch"], "In Stock", "JTEMU5JR", "5")
add("CVU3430", "Certified", 2024, T, "Corolla Cross", "LE", "SUV", "Cavalry Blue", "Black Fabric", 14880,
    None, 26495, "AWD", "Gasoline", "CVT", "2.0L 4-Cyl", 30, 33,
    BASE[1:] + ["Toyota Safety Sense 3.0", "Blind Spot Monitor", "Heated Front Seats", "Power Liftgate"],
    "In Stock", "7MUDAABG", "W")
add("CVU3433", "Certified", 2022, T, "Sienna", "XLE", "Minivan", "Celestial Silver Metallic", "Chateau SofTex", 47210,
    None, 39995, "FWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 36, 36,
    BASE[1:] + ["Toyota Safety Sense 2.0", "Third Row Seating", "Power Sliding Doors", "SofTex Seats",
                "Power Moonroof", "Heated Front Seats"], "In Stock", "5TDYSKFC", "S")
add("CVU3436", "Certified", 2023, T, "Prius", "LE", "Hatchback", "Guardian Gray", "Black Fabric", 19700,
    None, 27250, "FWD", "Hybrid", "ECVT", "2.0L 4-Cyl Hybrid", 57, 56,
    BASE[1:] + ["Toyota Safety Sense 3.0", "Blind Spot Monitor"], "In Stock", "JTDACAAU", "J")
add("CVU3439", "Certified", 2021, T, "Venza", "Limited", "SUV", "Coastal Gray Metallic", "Black SofTex", 49980,
    None, 31995, "AWD", "Hybrid", "ECVT", "2.5L 4-Cyl Hybrid", 40, 37,
    BASE[1:] + ["Toyota Safety Sense 2.0", "Panoramic Moonroof", "SofTex Seats", "Heated Front Seats",
                "Ventilated Front Seats", "JBL Premium Audio", "Navigation"], "In Stock", "JTEAAAAH", "J")

# ============================ USED (20) =====================================
UB = ["Backup Camera", "Bluetooth"]
add("CVU3442", "Used", 2019, "Honda", "CR-V", "EX", "SUV", "Modern Steel Metallic", "Gray Cloth", 68440,
    None, 21995, "AWD", "Gasoline", "CVT", "1.5L Turbo 4-Cyl", 27, 32,
    UB + ["Apple CarPlay", "Android Auto", "Sunroof", "Heated Front Seats", "Blind Spot Monitor"],
    "In Stock", "2HKRW2H5", "H")
add("CVU3445", "Used", 2020, "Honda", "Civic", "LX", "Sedan", "Crystal Black Pearl", "Black Cloth", 54120,
    None, 18495, "FWD", "Gasoline", "CVT", "2.0L 4-Cyl", 30, 38,
    UB + ["Apple CarPlay", "Android Auto", "Adaptive Cruise Control"], "Sold", "19XFC2F6", "E")
add("CVU3448", "Used", 2018, "Ford", "F-150", "XLT SuperCrew", "Crew Cab Pickup", "Oxford White", "Earth Gray Cloth", 96310,
    None, 26995, "4WD", "Gasoline", "10-Speed Automatic", "3.5L EcoBoost V6", 18, 23,
    UB + ["Tow Package", "Bed Liner", "Remote Start", "Trailer Brake Controller"], "In Stock", "1FTEW1EG", "F")
add("CVU3451", "Used", 2021, "Chevrolet", "Equinox", "LT", "SUV", "Mosaic Black Metallic", "Jet Black Cloth", 49700,
    None, 19995, "AWD", "Gasoline", "6-Speed Automatic", "1.5L Turbo 4-Cyl", 25, 30,
    UB + ["Apple CarPlay", "Android Auto", "Heated Front Seats", "Remote Start"], "In Stock", "2GNAXUEV", "6")
add("CVU3454", "Used", 2017, T, "Camry", "SE", "Sedan", "Celestial Silver Metallic", "Black Fabric", 112450,
    None, 14995, "FWD", "Gasoline", "6-Speed Automatic", "2.5L 4-Cyl", 24, 33,
    UB + ["Blind Spot Monitor"], "In Stock", "4T1BF1FK", "U")
add("CVU3457", "Used", 2016, T, "Tacoma", "SR5 Access Cab", "Extended Cab Pickup", "Quicksand", "Graphite Fabric", 128900,
    None, 22495, "4WD", "Gasoline", "6-Speed Automatic", "3.5L V6", 18, 22,
    UB + ["Tow Package", "Bed Liner"], "In Stock", "5TFSZ5AN", "X")
add("CVU3460", "Used", 2020, "Subaru", "Outback", "Premium", "Wagon", "Autumn Green Metallic", "Slate Black Cloth", 58900,
    None, 22750, "AWD", "Gasoline", "CVT", "2.5L 4-Cyl", 26, 33,
    UB + ["Apple CarPlay", "Android Auto", "Heated Front Seats", "Adaptive Cruise Control", "Roof Rails"],
    "In Stock", "4S4BTACC", "3")
add("CVU3463", "Used", 2019, "Jeep", "Grand Cherokee", "Limited", "SUV", "Diamond Black Crystal", "Black Leather", 74210,
    None, 24995, "4WD", "Gasoline", "8-Speed Automatic", "3.6L V6", 18, 25,
    UB + ["Leather Seats", "Sunroof", "Heated Front Seats", "Navigation", "Remote Start", "Tow Package"],
    "In Stock", "1C4RJFBG", "C")
add("CVU3466", "Used", 2022, "Kia", "Telluride", "EX", "SUV", "Gravity Gray", "Black SynTex", 38550,
    None, 36495, "AWD", "Gasoline", "8-Speed Automatic", "3.8L V6", 20, 24,
    UB + ["Third Row Seating", "Sunroof", "Heated Front Seats", "Ventilated Front Seats", "Apple CarPlay",
          "Android Auto", "Blind Spot Monitor"], "In Stock", "5XYP3DHC", "G")
add("CVU3469", "Used", 2018, "Nissan", "Rogue", "SV", "SUV", "Glacier White", "Charcoal Cloth", 83400,
    None, 15495, "AWD", "Gasoline", "CVT", "2.5L 4-Cyl", 25, 32,
    UB + ["Apple CarPlay", "Heated Front Seats", "Power Liftgate"], "In Stock", "5N1AT2MV", "C")
add("CVU3472", "Used", 2020, "Hyundai", "Santa Fe", "SEL", "SUV", "Portofino Gray", "Black Cloth", 61200,
    None, 19750, "AWD", "Gasoline", "8-Speed Automatic", "2.4L 4-Cyl", 21, 27,
    UB + ["Apple CarPlay", "Android Auto", "Heated Front Seats", "Blind Spot Monitor"], "In Stock", "5NMS3CAD", "H")
add("CVU3475", "Used", 2015, "Honda", "Accord", "EX-L", "Sedan", "Obsidian Blue Pearl", "Ivory Leather", 138700,
    None, 11995, "FWD", "Gasoline", "CVT", "2.4L 4-Cyl", 27, 36,
    UB + ["Leather Seats", "Sunroof", "Heated Front Seats"], "In Stock", "1HGCR2F8", "A")
add("CVU3478", "Used", 2019, "Ram", "1500", "Big Horn Crew Cab", "Crew Cab Pickup", "Flame Red", "Diesel Gray Cloth", 71880,
    None, 29495, "4WD", "Gasoline", "8-Speed Automatic", "5.7L V8 HEMI", 15, 22,
    UB + ["Tow Package", "Bed Liner", "Remote Start", "Apple CarPlay", "Android Auto"], "In Stock", "1C6SRFFT", "N")
add("CVU3481", "Used", 2020, "Chevrolet", "Silverado 1500", "LT Double Cab", "Double Cab Pickup", "Summit White", "Jet Black Cloth", 66015,
    None, 28250, "4WD", "Gasoline", "8-Speed Automatic", "5.3L V8", 16, 20,
    UB + ["Tow Package", "Bed Liner", "Apple CarPlay", "Android Auto"], "Pending", "1GCRYDED", "Z")
add("CVU3484", "Used", 2019, "Mazda", "CX-5", "Touring", "SUV", "Soul Red Crystal", "Black Leatherette", 57330,
    None, 19495, "AWD", "Gasoline", "6-Speed Automatic", "2.5L 4-Cyl", 24, 30,
    UB + ["Apple CarPlay", "Android Auto", "Heated Front Seats", "Blind Spot Monitor", "Power Liftgate"],
    "In Stock", "JM3KFBCM", "0")
add("CVU3487", "Used", 2018, T, "Sienna", "LE", "Minivan", "Predawn Gray Mica", "Ash Fabric", 99840,
    None, 18995, "FWD", "Gasoline", "8-Speed Automatic", "3.5L V6", 19, 27,
    UB + ["Third Row Seating", "Power Sliding Doors", "Rear Entertainment System"], "In Stock", "5TDKZ3DC", "S")
add("CVU3490", "Used", 2014, "Ford", "Escape", "SE", "SUV", "Sterling Gray", "Charcoal Black Cloth", 121500,
    None, 8995, "FWD", "Gasoline", "6-Speed Automatic", "1.6L EcoBoost 4-Cyl", 23, 32,
    UB + ["Heated Front Seats"], "In Stock", "1FMCU9GX", "U")
add("CVU3493", "Used", 2020, T, "Highlander", "LE", "SUV", "Blizzard Pearl", "Graphite Fabric", 92300,
    None, 24495, "AWD", "Gasoline", "8-Speed Automatic", "3.5L V6", 20, 27,
    UB + ["Toyota Safety Sense 2.0", "Third Row Seating", "Apple CarPlay", "Android Auto", "Tow Hitch"],
    "In Stock", "5TDBZRBH", "S")
add("CVU3496", "Used", 2021, "Ford", "Mustang", "EcoBoost Premium Convertible", "Convertible", "Rapid Red Metallic", "Ebony Leather", 24800,
    None, 27995, "RWD", "Gasoline", "10-Speed Automatic", "2.3L Turbo 4-Cyl", 20, 28,
    UB + ["Leather Seats", "Heated Front Seats", "Ventilated Front Seats", "Apple CarPlay", "Android Auto"],
    "Sold", "1FATP8UH", "5")
add("CVU3499", "Used", 2022, "Tesla", "Model 3", "Long Range", "Sedan", "Pearl White Multi-Coat", "Black Vegan Leather", 31200,
    None, 27495, "AWD", "Electric", "1-Speed Direct Drive", "Dual Motor Electric", None, None,
    ["Backup Camera", "Glass Roof", "Heated Front Seats", "Navigation", "Autopilot"], "In Stock", "5YJ3E1EB", "F")

assert len(V) == 80, len(V)
assert len({v["stock"] for v in V}) == 80
assert len({v["vin"] for v in V}) == 80

with open(OUT, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(HEADERS)
    for v in V:
        w.writerow([v["stock"], v["vin"], v["typ"], v["year"], v["make"], v["model"], v["trim"], v["body"],
                    v["ext"], v["intc"], v["odo"], money(v["msrp"]), money(v["price"]), v["drive"], v["fuel"],
                    v["trans"], v["engine"], "" if v["city"] is None else v["city"],
                    "" if v["hwy"] is None else v["hwy"], "|".join(v["options"]), v["status"],
                    "https://www.cedarvalleytoyota.example/inventory/" + v["stock"]])
print("wrote", OUT, len(V), "vehicles")
from collections import Counter
print(Counter(v["typ"] for v in V), Counter(v["status"] for v in V))
