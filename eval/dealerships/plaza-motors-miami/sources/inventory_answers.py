#!/usr/bin/env python3
"""Compute the expected answers of the inventory questions from sources/inventory.csv.

"Not sold" (Available or Pending) is what "do you have / how many / cheapest" mean unless a
question says otherwise. "Used" means every vehicle that is not new (Used + Certified Pre-Owned).
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = list(csv.DictReader(open(os.path.join(HERE, "inventory.csv"), encoding="utf-8")))
for r in ROWS:
    r["price"] = int(r["Selling Price"])
    r["miles"] = int(r["Mileage"])
    r["year"] = int(r["Model Year"])
    r["hwy"] = int(r["MPG"].split("/")[1].split()[0])


def money(n):
    return f"${n:,}"


def label(r):
    return f'{r["year"]} {r["Make"]} {r["Model"]} {r["Trim Level"]}'


def q(name, pred, key=None, reverse=False, show=6):
    hits = [r for r in ROWS if r["Availability"] != "Sold" and pred(r)]
    if key:
        hits.sort(key=key, reverse=reverse)
    print(f"\n## {name}: count={len(hits)}")
    for r in hits[:show]:
        print(f'   {r["Stock"]} {label(r)} | {r["Condition"]} | {r["Body Type"]} | {r["Drive Type"]} | '
              f'{money(r["price"])} | {r["miles"]:,} mi | {r["Exterior"]} | {r["Availability"]}')
    return hits


used = lambda r: r["Condition"] != "New"
new = lambda r: r["Condition"] == "New"
price = lambda r: r["price"]
third = lambda r: "Third Row" in r["Equipment"]
leather = lambda r: "Leather Seats" in r["Equipment"]
roof = lambda r: "Moonroof" in r["Equipment"]

q("used SUVs under 30k", lambda r: used(r) and r["Body Type"] == "SUV" and r["price"] < 30000, price)
q("trucks (all)", lambda r: r["Body Type"] == "Truck", price, show=20)
q("cheapest AWD", lambda r: r["Drive Type"] == "AWD", price)
q("third row under 35k", lambda r: third(r) and r["price"] < 35000, price)
q("hybrid (fuel == Hybrid)", lambda r: r["Fuel"] == "Hybrid", price)
q("plug-in hybrid", lambda r: r["Fuel"] == "Plug-In Hybrid", price)
q("new Rogue", lambda r: new(r) and r["Model"] == "Rogue", price)
q("cheapest new Nissan", lambda r: new(r), price)
q("electric", lambda r: r["Fuel"] == "Electric", price)
q("used trucks under 35k", lambda r: used(r) and r["Body Type"] == "Truck" and r["price"] < 35000, price)
q("used 4WD trucks under 35k", lambda r: used(r) and r["Body Type"] == "Truck" and r["Drive Type"] == "4WD" and r["price"] < 35000, price)
q("lowest-mileage certified", lambda r: r["Condition"] == "Certified Pre-Owned", lambda r: r["miles"])
q("lowest-mileage used (incl. certified)", used, lambda r: r["miles"])
q("certified Pathfinder", lambda r: r["Condition"] == "Certified Pre-Owned" and r["Model"] == "Pathfinder", price)
q("most expensive", lambda r: True, price, reverse=True)
q("sedans under 20k", lambda r: r["Body Type"] == "Sedan" and r["price"] < 20000, price)
q("Toyota", lambda r: r["Make"] == "Toyota", price, show=10)
q("4WD trucks", lambda r: r["Body Type"] == "Truck" and r["Drive Type"] == "4WD", price)
q("leather + sunroof under 40k", lambda r: leather(r) and roof(r) and r["price"] < 40000, price, show=12)
q("new SUVs under 35k", lambda r: new(r) and r["Body Type"] == "SUV" and r["price"] < 35000, price, show=10)
q("minivans", lambda r: r["Body Type"] == "Minivan", price)
q("certified (all)", lambda r: r["Condition"] == "Certified Pre-Owned", price)
q("used SUVs under 25k", lambda r: used(r) and r["Body Type"] == "SUV" and r["price"] < 25000, price)
q("new trucks", lambda r: new(r) and r["Body Type"] == "Truck", price)
q("cheapest truck", lambda r: r["Body Type"] == "Truck", price)
q("Honda", lambda r: r["Make"] == "Honda", price)
q("used Nissan non-certified", lambda r: r["Condition"] == "Used" and r["Make"] == "Nissan", price)
q("4WD/AWD third row", lambda r: third(r) and r["Drive Type"] in ("AWD", "4WD"), price, show=12)
q("best hwy mpg, gas/hybrid only", lambda r: r["Fuel"] != "Electric", lambda r: r["hwy"], reverse=True)
q("cars 2022 or newer under 25k used", lambda r: used(r) and r["year"] >= 2022 and r["price"] < 25000, price)
q("used under 40k miles under 30k", lambda r: used(r) and r["miles"] < 40000 and r["price"] < 30000, price, show=12)
q("white vehicles", lambda r: "White" in r["Exterior"], price, show=12)
q("red vehicles", lambda r: "Red" in r["Exterior"], price, show=12)
q("convertibles", lambda r: r["Body Type"] == "Convertible", price)
q("cars under 15k (all)", lambda r: r["price"] < 15000, price)
q("similar to Tacoma PM3744 but cheaper: used trucks < 36495", lambda r: used(r) and r["Body Type"] == "Truck" and r["price"] < 36495, price)
q("similar to Pathfinder SV PM4413 cheaper: third row SUV < 42690", lambda r: third(r) and r["Body Type"] == "SUV" and r["price"] < 42690 and r["Stock"] != "PM4413", price, show=12)
