#!/usr/bin/env python3
"""Writes documents/inventory.csv (semicolon-delimited) for Hillside Auto Outlet.

The vehicles are listed by hand so that deal prices on weekly-deals.html match.
Run: python3 sources/make_inventory.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "documents", "inventory.csv")

HEADERS = ["StockNo", "Yr", "Make", "Model", "Series", "Style", "Color", "Interior", "Miles", "Price",
           "Engine", "Trans", "Drive", "Fuel", "MPG City/Hwy", "Features", "Photo", "Link", "Status"]

# stock, yr, make, model, series, style, color, interior, miles, price, engine, trans, drive, fuel, mpg, features, status
V = [
    ("HA1152", 2008, "Honda", "Civic", "LX", "4dr Sedan", "Silver", "Gray Cloth", 168420, 6495, "1.8L I4", "5-Speed Automatic", "FWD", "Gasoline", "25/36", "Cruise Control, Power Windows, Keyless Entry, CD Player", "Available"),
    ("HA1155", 2012, "Toyota", "Camry", "LE", "4dr Sedan", "White", "Ash Cloth", 141870, 8995, "2.5L I4", "6-Speed Automatic", "FWD", "Gasoline", "25/35", "Bluetooth, Cruise Control, Keyless Entry, Power Driver Seat", "Available"),
    ("HA1158", 2016, "Toyota", "Camry", "SE", "4dr Sedan", "Blue", "Black Cloth", 98750, 14495, "2.5L I4", "6-Speed Automatic", "FWD", "Gasoline", "25/35", "Backup Camera, Bluetooth, Alloy Wheels, Sport Seats", "Available"),
    ("HA1161", 2014, "Honda", "Accord", "EX", "4dr Sedan", "Gray", "Black Cloth", 121300, 9995, "2.4L I4", "CVT", "FWD", "Gasoline", "27/36", "Sunroof, Backup Camera, Bluetooth, Alloy Wheels, LaneWatch", "Available"),
    ("HA1163", 2017, "Honda", "Accord", "EX-L", "4dr Sedan", "Black", "Ivory Leather", 86420, 16995, "2.4L I4", "CVT", "FWD", "Gasoline", "27/37", "Leather Seats, Sunroof, Heated Seats, Backup Camera, Apple CarPlay, Bluetooth", "Available"),
    ("HA1166", 2012, "Chevrolet", "Malibu", "LT", "4dr Sedan", "Red", "Cocoa Cloth", 132900, 6995, "2.4L I4", "6-Speed Automatic", "FWD", "Gasoline", "22/33", "Bluetooth, Remote Start, Cruise Control", "Available"),
    ("HA1169", 2015, "Nissan", "Altima", "2.5 S", "4dr Sedan", "White", "Charcoal Cloth", 117640, 8495, "2.5L I4", "CVT", "FWD", "Gasoline", "27/39", "Backup Camera, Bluetooth, Push Button Start", "Available"),
    ("HA1174", 2013, "Ford", "Fusion", "SE", "4dr Sedan", "Gray", "Charcoal Cloth", 128450, 7495, "2.5L I4", "6-Speed Automatic", "FWD", "Gasoline", "22/34", "SYNC, Bluetooth, Alloy Wheels", "Sold"),
    ("HA1176", 2017, "Hyundai", "Elantra", "SE", "4dr Sedan", "White", "Gray Cloth", 79310, 10995, "2.0L I4", "6-Speed Automatic", "FWD", "Gasoline", "28/37", "Backup Camera, Bluetooth, Apple CarPlay, Keyless Entry", "Available"),
    ("HA1178", 2016, "Chevrolet", "Impala", "LT", "4dr Sedan", "Black", "Jet Black Cloth", 104220, 12495, "3.6L V6", "6-Speed Automatic", "FWD", "Gasoline", "19/29", "Backup Camera, Remote Start, Bluetooth, Alloy Wheels", "Available"),
    ("HA1181", 2015, "Dodge", "Charger", "SXT", "4dr Sedan", "Gray", "Black Cloth", 112870, 13495, "3.6L V6", "8-Speed Automatic", "RWD", "Gasoline", "19/31", "Uconnect, Bluetooth, Alloy Wheels, Remote Start", "Available"),
    ("HA1183", 2018, "Chrysler", "300", "Touring", "4dr Sedan", "White", "Black Leather", 72540, 17995, "3.6L V6", "8-Speed Automatic", "AWD", "Gasoline", "18/27", "Leather Seats, Heated Seats, Backup Camera, Bluetooth", "Available"),
    ("HA1185", 2011, "Toyota", "Corolla", "LE", "4dr Sedan", "Silver", "Gray Cloth", 154330, 7295, "1.8L I4", "4-Speed Automatic", "FWD", "Gasoline", "26/34", "Cruise Control, Power Windows, CD Player", "Available"),
    ("HA1187", 2020, "Toyota", "Corolla", "LE", "4dr Sedan", "Red", "Black Cloth", 48610, 16495, "1.8L I4", "CVT", "FWD", "Gasoline", "30/38", "Backup Camera, Apple CarPlay, Lane Departure Alert, Adaptive Cruise Control", "On Hold"),
    ("HA1189", 2014, "Subaru", "Legacy", "2.5i Premium", "4dr Sedan", "Blue", "Black Cloth", 119900, 10495, "2.5L H4", "CVT", "AWD", "Gasoline", "24/34", "Heated Seats, Backup Camera, Bluetooth", "Available"),
    ("HA1191", 2015, "Toyota", "Prius", "Two", "Hatchback", "Silver", "Gray Cloth", 131480, 11495, "1.8L I4 Hybrid", "CVT", "FWD", "Hybrid", "51/48", "Backup Camera, Bluetooth, Keyless Entry", "Available"),
    ("HA1193", 2017, "Toyota", "Camry Hybrid", "SE", "4dr Sedan", "Gray", "Black SofTex", 93200, 15995, "2.5L I4 Hybrid", "CVT", "FWD", "Hybrid", "40/37", "Leather Seats, Backup Camera, Bluetooth, Push Button Start", "Available"),
    ("HA1195", 2016, "Ford", "Fusion Hybrid", "SE", "4dr Sedan", "White", "Charcoal Cloth", 108760, 11995, "2.0L I4 Hybrid", "CVT", "FWD", "Hybrid", "44/41", "SYNC, Backup Camera, Bluetooth", "Available"),
    ("HA1197", 2015, "Nissan", "Leaf", "S", "Hatchback", "White", "Black Cloth", 54100, 6995, "Electric Motor", "Single-Speed Automatic", "FWD", "Electric", "126/101", "Bluetooth, Backup Camera, Heated Seats", "Available"),
    ("HA1199", 2015, "Honda", "Fit", "EX", "Hatchback", "Blue", "Black Cloth", 102300, 9495, "1.5L I4", "CVT", "FWD", "Gasoline", "32/38", "Sunroof, Backup Camera, Bluetooth, Magic Seat", "Available"),
    ("HA1203", 2017, "Mazda", "Mazda3", "Touring", "Hatchback", "Red", "Black Leatherette", 69800, 13495, "2.5L I4", "6-Speed Automatic", "FWD", "Gasoline", "27/35", "Backup Camera, Blind Spot Monitor, Heated Seats, Bluetooth", "Available"),
    ("HA1205", 2014, "Ford", "Mustang", "V6", "Coupe", "Black", "Charcoal Cloth", 96470, 12995, "3.7L V6", "6-Speed Automatic", "RWD", "Gasoline", "19/31", "Bluetooth, SYNC, Alloy Wheels", "Available"),
    ("HA1207", 2011, "Ford", "Mustang", "GT Premium", "Convertible", "Red", "Charcoal Leather", 87300, 14995, "5.0L V8", "6-Speed Manual", "RWD", "Gasoline", "17/26", "Leather Seats, Power Top, Heated Seats, Shaker Audio", "Sold"),
    ("HA1209", 2013, "Honda", "CR-V", "EX", "Sport Utility", "Silver", "Gray Cloth", 138200, 10995, "2.4L I4", "5-Speed Automatic", "AWD", "Gasoline", "22/30", "Sunroof, Backup Camera, Bluetooth", "Available"),
    ("HA1211", 2018, "Toyota", "RAV4", "XLE", "Sport Utility", "White", "Black Cloth", 74650, 19995, "2.5L I4", "6-Speed Automatic", "AWD", "Gasoline", "22/28", "Sunroof, Backup Camera, Bluetooth, Smart Key, Lane Departure Alert", "Available"),
    ("HA1213", 2016, "Ford", "Escape", "SE", "Sport Utility", "Blue", "Charcoal Cloth", 101900, 10495, "1.6L I4 EcoBoost", "6-Speed Automatic", "FWD", "Gasoline", "23/32", "Backup Camera, SYNC, Bluetooth", "Available"),
    ("HA1215", 2014, "Chevrolet", "Equinox", "LT", "Sport Utility", "Black", "Jet Black Cloth", 126300, 8995, "2.4L I4", "6-Speed Automatic", "FWD", "Gasoline", "22/32", "Backup Camera, Remote Start, Bluetooth", "Available"),
    ("HA1217", 2017, "Jeep", "Cherokee", "Latitude", "Sport Utility", "Gray", "Black Cloth", 91240, 13995, "3.2L V6", "9-Speed Automatic", "4WD", "Gasoline", "19/26", "Backup Camera, Uconnect, Bluetooth, Tow Package", "Available"),
    ("HA1219", 2015, "Jeep", "Wrangler Unlimited", "Sahara", "Sport Utility", "Green", "Black Cloth", 108330, 22995, "3.6L V6", "5-Speed Automatic", "4x4", "Gasoline", "16/20", "Hard Top, Navigation, Tow Package, Alloy Wheels", "Available"),
    ("HA1221", 2019, "Subaru", "Forester", "Premium", "Sport Utility", "Gray", "Black Cloth", 63700, 19495, "2.5L H4", "CVT", "AWD", "Gasoline", "26/33", "Sunroof, EyeSight, Heated Seats, Apple CarPlay", "Available"),
    ("HA1223", 2016, "Honda", "Pilot", "EX-L", "Sport Utility", "Black", "Black Leather", 112500, 18995, "3.5L V6", "6-Speed Automatic", "AWD", "Gasoline", "18/26", "Third Row Seating, Leather Seats, Sunroof, Heated Seats, Backup Camera", "Available"),
    ("HA1225", 2014, "Toyota", "Highlander", "XLE", "Sport Utility", "White", "Ash Leather", 133800, 15995, "3.5L V6", "6-Speed Automatic", "AWD", "Gasoline", "18/24", "Third Row Seating, Leather Seats, Sunroof, Navigation, Backup Camera", "Available"),
    ("HA1227", 2017, "Ford", "Explorer", "XLT", "Sport Utility", "Blue", "Medium Stone Cloth", 98400, 17495, "3.5L V6", "6-Speed Automatic", "4WD", "Gasoline", "16/23", "Third Row Seating, Backup Camera, SYNC 3, Tow Package", "Available"),
    ("HA1229", 2015, "Chevrolet", "Traverse", "LT", "Sport Utility", "Silver", "Ebony Cloth", 124700, 11995, "3.6L V6", "6-Speed Automatic", "FWD", "Gasoline", "17/24", "Third Row Seating, Backup Camera, Bluetooth, Remote Start", "Sold"),
    ("HA1231", 2018, "Dodge", "Durango", "SXT", "Sport Utility", "Gray", "Black Cloth", 84100, 21995, "3.6L V6", "8-Speed Automatic", "AWD", "Gasoline", "18/25", "Third Row Seating, Backup Camera, Uconnect, Remote Start", "Available"),
    ("HA1233", 2020, "Hyundai", "Tucson", "SE", "Sport Utility", "Red", "Black Cloth", 41200, 18495, "2.0L I4", "6-Speed Automatic", "FWD", "Gasoline", "23/28", "Backup Camera, Apple CarPlay, Android Auto, Bluetooth", "Available"),
    ("HA1235", 2019, "Nissan", "Rogue", "SV", "Sport Utility", "Silver", "Charcoal Cloth", 67900, 16995, "2.5L I4", "CVT", "AWD", "Gasoline", "25/32", "Backup Camera, Apple CarPlay, Heated Seats, Remote Start", "Available"),
    ("HA1237", 2020, "Toyota", "RAV4 Hybrid", "XLE", "Sport Utility", "Blue", "Black Cloth", 52300, 27495, "2.5L I4 Hybrid", "CVT", "AWD", "Hybrid", "41/38", "Sunroof, Apple CarPlay, Adaptive Cruise Control, Backup Camera", "Available"),
    ("HA1239", 2021, "Chevrolet", "Tahoe", "LT", "Sport Utility", "Black", "Jet Black Leather", 58200, 34900, "5.3L V8", "10-Speed Automatic", "4WD", "Gasoline", "15/20", "Third Row Seating, Leather Seats, Heated Seats, Navigation, Tow Package, Remote Start", "Available"),
    ("HA1241", 2020, "Toyota", "4Runner", "SR5 Premium", "Sport Utility", "Gray", "Black SofTex", 61400, 32995, "4.0L V6", "5-Speed Automatic", "4WD", "Gasoline", "16/19", "Navigation, Sunroof, Heated Seats, Backup Camera, Tow Package", "Available"),
    ("HA1243", 2019, "GMC", "Yukon", "SLT", "Sport Utility", "White", "Cocoa Leather", 79800, 31500, "5.3L V8", "6-Speed Automatic", "4WD", "Gasoline", "15/22", "Third Row Seating, Leather Seats, Sunroof, Navigation, Heated Seats", "On Hold"),
    ("HA1245", 2021, "Jeep", "Grand Cherokee", "Limited", "Sport Utility", "Red", "Black Leather", 44800, 30995, "3.6L V6", "8-Speed Automatic", "4x4", "Gasoline", "18/25", "Leather Seats, Sunroof, Heated Seats, Apple CarPlay, Remote Start", "Available"),
    ("HA1247", 2017, "Ford", "F-150", "XLT", "Crew Cab Pickup", "White", "Medium Earth Gray Cloth", 103600, 24995, "3.5L V6 EcoBoost", "10-Speed Automatic", "4x4", "Gasoline", "17/23", "Tow Package, Backup Camera, Bed Liner, SYNC 3, Remote Start", "Available"),
    ("HA1249", 2012, "Ford", "F-150", "XL", "Regular Cab Pickup", "Silver", "Steel Vinyl", 162400, 9995, "3.7L V6", "6-Speed Automatic", "RWD", "Gasoline", "17/23", "Bed Liner, Tow Package", "Available"),
    ("HA1251", 2016, "Chevrolet", "Silverado 1500", "LT", "Crew Cab Pickup", "Gray", "Jet Black Cloth", 118900, 23495, "5.3L V8", "6-Speed Automatic", "4WD", "Flex Fuel", "16/22", "Tow Package, Backup Camera, Bed Liner, Remote Start", "Available"),
    ("HA1253", 2014, "Ram", "1500", "Big Horn", "Quad Cab Pickup", "Red", "Diesel Gray Cloth", 131200, 16995, "5.7L V8 HEMI", "8-Speed Automatic", "4x4", "Gasoline", "15/21", "Tow Package, Uconnect, Alloy Wheels", "Available"),
    ("HA1255", 2018, "Toyota", "Tacoma", "SR5", "Double Cab Pickup", "Silver", "Graphite Cloth", 77400, 27995, "3.5L V6", "6-Speed Automatic", "4WD", "Gasoline", "18/22", "Backup Camera, Tow Package, Bed Liner, Bluetooth", "Available"),
    ("HA1257", 2013, "Nissan", "Frontier", "SV", "Crew Cab Pickup", "Blue", "Steel Cloth", 142700, 12495, "4.0L V6", "5-Speed Automatic", "RWD", "Gasoline", "15/20", "Bed Liner, Bluetooth, Tow Package", "Sold"),
    ("HA1259", 2019, "Chevrolet", "Colorado", "LT", "Crew Cab Pickup", "Black", "Jet Black Cloth", 68300, 25995, "3.6L V6", "8-Speed Automatic", "4WD", "Gasoline", "17/24", "Backup Camera, Apple CarPlay, Bed Liner, Remote Start", "Available"),
    ("HA1261", 2012, "Ram", "2500", "SLT", "Crew Cab Pickup", "White", "Dark Slate Cloth", 171500, 27900, "6.7L I6 Cummins Turbo Diesel", "6-Speed Automatic", "4x4", "Diesel", "N/A", "Tow Package, Bed Liner, Gooseneck Hitch, Bluetooth", "Available"),
    ("HA1263", 2015, "GMC", "Sierra 1500", "SLE", "Double Cab Pickup", "Silver", "Jet Black Cloth", 126800, 19995, "5.3L V8", "6-Speed Automatic", "4WD", "Flex Fuel", "16/22", "Tow Package, Backup Camera, Bed Liner", "Available"),
    ("HA1265", 2013, "Toyota", "Sienna", "LE", "Minivan", "Silver", "Light Gray Cloth", 139600, 10995, "3.5L V6", "6-Speed Automatic", "FWD", "Gasoline", "18/25", "Third Row Seating, Power Sliding Doors, Backup Camera, Rear A/C", "Available"),
    ("HA1267", 2016, "Honda", "Odyssey", "EX-L", "Minivan", "White", "Beige Leather", 109300, 16495, "3.5L V6", "6-Speed Automatic", "FWD", "Gasoline", "19/28", "Third Row Seating, Leather Seats, Sunroof, Power Sliding Doors, Heated Seats", "Available"),
    ("HA1269", 2017, "Dodge", "Grand Caravan", "SXT", "Minivan", "Gray", "Black Cloth", 96200, 11495, "3.6L V6", "6-Speed Automatic", "FWD", "Gasoline", "17/25", "Third Row Seating, Stow 'n Go, DVD Entertainment, Power Sliding Doors", "Available"),
    ("HA1271", 2018, "Chrysler", "Pacifica", "Touring L", "Minivan", "Blue", "Black Leather", 81500, 19995, "3.6L V6", "9-Speed Automatic", "FWD", "Gasoline", "18/28", "Third Row Seating, Leather Seats, Heated Seats, Power Liftgate, Apple CarPlay", "On Hold"),
]


def main():
    assert len(V) == 55, len(V)
    assert len({v[0] for v in V}) == 55
    def cell(x):
        x = str(x)
        assert ";" not in x and '"' not in x
        return x

    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write(";".join(HEADERS) + "\r\n")
        for (stock, yr, make, model, series, style, color, interior, miles, price, engine, trans,
             drive, fuel, mpg, feats, status) in V:
            row = [cell(c) for c in (stock, yr, make, model, series, style, color, interior, miles,
                                     price, engine, trans, drive, fuel, mpg)]
            row.append('"' + cell(feats) + '"')  # the export always quotes the Features cell
            row += [f"https://hillsideautooutlet.example/photos/{stock}-1.jpg",
                    f"https://hillsideautooutlet.example/vehicle/{stock}", status]
            f.write(";".join(row) + "\r\n")
    print("wrote", OUT, len(V), "rows")


if __name__ == "__main__":
    main()
