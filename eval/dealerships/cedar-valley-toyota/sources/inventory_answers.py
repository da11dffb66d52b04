#!/usr/bin/env python3
"""Computes the expected answers of the inventory / page / follow-up questions of
questions.yaml from documents/inventory.csv. Run: python3 sources/inventory_answers.py

Conventions (as a visitor means them):
  * "do you have / how many / cheapest" -> vehicles whose Status is not Sold
    (In Stock, Pending and In Transit all count as available to ask about);
  * "used" = Type Used or Certified; "certified" = Type Certified; "new" = Type New;
  * "truck" = Body ends in "Pickup"; "suv" = Body SUV;
  * "sunroof" = an option containing Moonroof, Sunroof or Glass Roof;
  * "third row" = option "Third Row Seating";
  * price = Internet Price.
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = list(csv.DictReader(open(os.path.join(HERE, "..", "documents", "inventory.csv"))))


def num(s):
    return int(s.replace("$", "").replace(",", "")) if s else None


for r in ROWS:
    r["price"] = num(r["Internet Price"])
    r["odo"] = int(r["Odometer"])
    r["opts"] = r["Options"].split("|")
    r["mpg"] = int(r["City MPG"]) if r["City MPG"] else 0


def avail(r):
    return r["Status"] != "Sold"


def used(r):
    return r["Type"] in ("Used", "Certified")


def truck(r):
    return r["Body"].endswith("Pickup")


def has(r, *words):
    return any(any(w.lower() in o.lower() for w in words) for o in r["opts"])


def show(r):
    return "%s %s %s %s %s %s | %s | %s mi | %s %s | %s | %s | MPG %s/%s" % (
        r["Stock #"], r["Year"], r["Make"], r["Model"], r["Trim"], r["Type"], r["Internet Price"],
        r["odo"], r["Drivetrain"], r["Fuel Type"], r["Ext. Color"], r["Status"], r["City MPG"], r["Hwy MPG"])


def q(name, pred, key=lambda r: r["price"], reverse=False):
    hits = sorted([r for r in ROWS if avail(r) and pred(r)], key=key, reverse=reverse)
    print("\n## %s  -> count %d" % (name, len(hits)))
    for r in hits:
        print("   ", show(r))
    return hits


q("inv used suvs under 30k", lambda r: used(r) and r["Body"] == "SUV" and r["price"] < 30000)
q("inv tundras (all)", lambda r: "Tundra" in r["Model"])
q("inv cheapest awd", lambda r: r["Drivetrain"] == "AWD")
q("inv third row under 40k", lambda r: "Third Row Seating" in r["opts"] and r["price"] < 40000)
q("inv new hybrid suvs", lambda r: r["Type"] == "New" and r["Body"] == "SUV" and r["Fuel Type"] == "Hybrid")
q("inv certified rav4", lambda r: r["Type"] == "Certified" and "RAV4" in r["Model"])
q("inv used trucks by miles", lambda r: used(r) and truck(r), key=lambda r: r["odo"])
q("inv new tacoma 4wd under 45k", lambda r: r["Type"] == "New" and r["Model"] == "Tacoma" and r["Drivetrain"] == "4WD" and r["price"] < 45000)
q("inv best mpg (city)", lambda r: r["mpg"] > 0, key=lambda r: r["mpg"], reverse=True)
q("inv used under 15k", lambda r: used(r) and r["price"] < 15000)
q("inv most expensive truck", truck, reverse=True)
q("inv hondas", lambda r: r["Make"] == "Honda")
q("inv minivans", lambda r: r["Body"] == "Minivan")
q("inv trucks tow pkg under 35k", lambda r: truck(r) and has(r, "Tow Package") and r["price"] < 35000)
q("inv electric", lambda r: r["Fuel Type"] == "Electric")
q("inv new sedans under 30k", lambda r: r["Type"] == "New" and r["Body"] == "Sedan" and r["price"] < 30000)
q("inv certified count", lambda r: r["Type"] == "Certified")
q("inv used suv sunroof under 25k", lambda r: used(r) and r["Body"] == "SUV" and has(r, "Moonroof", "Sunroof", "Glass Roof") and r["price"] < 25000)
q("inv cheapest new toyota", lambda r: r["Type"] == "New")
q("inv 4runners", lambda r: r["Model"] == "4Runner")
q("inv grand highlanders", lambda r: "Grand Highlander" in r["Model"])
q("inv used trucks under 35k", lambda r: used(r) and truck(r) and r["price"] < 35000)
q("inv camrys new", lambda r: r["Type"] == "New" and r["Model"] == "Camry")
q("inv plug-in", lambda r: r["Fuel Type"] == "Plug-In Hybrid")
q("inv new awd suv under 35k", lambda r: r["Type"] == "New" and r["Body"] == "SUV" and r["Drivetrain"] == "AWD" and r["price"] < 35000)
q("inv manual transmission", lambda r: "Manual" in r["Transmission"])
q("inv similar cheaper than CVU3415 (used 3-row suv < 36995)", lambda r: used(r) and "Third Row Seating" in r["opts"] and r["Body"] == "SUV" and r["price"] < 36995)
print("\n## SOLD")
for r in ROWS:
    if not avail(r):
        print("   ", show(r))
