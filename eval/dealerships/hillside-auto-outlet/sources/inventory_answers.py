#!/usr/bin/env python3
"""Computes the expected answers of the inventory questions from documents/inventory.csv.
Run: python3 sources/inventory_answers.py   ("not sold" = Status != Sold, as the brief defines)"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(os.path.join(HERE, "..", "documents", "inventory.csv"), encoding="utf-8"), delimiter=";"))
for r in rows:
    r["Price"] = int(r["Price"]); r["Miles"] = int(r["Miles"]); r["Yr"] = int(r["Yr"])
    s = r["Style"].lower()
    r["body"] = ("truck" if "pickup" in s else "suv" if "sport utility" in s else "minivan" if "minivan" in s
                 else "sedan" if "sedan" in s else "hatchback" if "hatch" in s else "coupe" if "coupe" in s
                 else "convertible" if "convertible" in s else s)
    d = r["Drive"].lower(); r["drv"] = "4wd" if d in ("4wd", "4x4") else d
    r["feat"] = r["Features"].lower()
    r["mpgc"] = int(r["MPG City/Hwy"].split("/")[0]) if r["MPG City/Hwy"][0].isdigit() else 0

live = [r for r in rows if r["Status"] != "Sold"]
avail = [r for r in rows if r["Status"] == "Available"]

def show(name, f, key=None, rev=False):
    m = [r for r in live if f(r)]
    a = [r for r in avail if f(r)]
    if key: m.sort(key=key, reverse=rev)
    print(f"\n## {name}: count(not sold)={len(m)} count(available)={len(a)}")
    for r in m:
        print(f"  {r['StockNo']} {r['Yr']} {r['Make']} {r['Model']} {r['Series']} ${r['Price']:,} {r['Miles']:,}mi {r['Drive']} {r['Fuel']} {r['MPG City/Hwy']} {r['Color']} [{r['Status']}]")

price = lambda r: r["Price"]
show("suv under 20k", lambda r: r["body"] == "suv" and r["Price"] <= 20000, price)
show("trucks", lambda r: r["body"] == "truck", price)
show("awd (AWD only)", lambda r: r["drv"] == "awd", price)
show("third row under 20k", lambda r: "third row" in r["feat"] and r["Price"] <= 20000, price)
show("hybrids", lambda r: r["Fuel"] == "Hybrid", lambda r: -r["mpgc"])
show("truck most expensive", lambda r: r["body"] == "truck", price, True)
show("truck under 15k", lambda r: r["body"] == "truck" and r["Price"] <= 15000, price)
show("suv lowest miles", lambda r: r["body"] == "suv", lambda r: r["Miles"])
show("4wd trucks under 25k", lambda r: r["body"] == "truck" and r["drv"] == "4wd" and r["Price"] <= 25000, price)
show("suv over 30k", lambda r: r["body"] == "suv" and r["Price"] >= 30000, price)
show("minivan leather", lambda r: r["body"] == "minivan" and "leather" in r["feat"], price)
show("under 8k", lambda r: r["Price"] <= 8000, price)
show("toyota under 15k", lambda r: r["Make"] == "Toyota" and r["Price"] <= 15000, price)
show("newest truck", lambda r: r["body"] == "truck", lambda r: -r["Yr"])
show("sedan sunroof under 15k", lambda r: r["body"] == "sedan" and "sunroof" in r["feat"] and r["Price"] <= 15000, price)
show("jeep", lambda r: r["Make"] == "Jeep", price)
show("under 50k miles", lambda r: r["Miles"] <= 50000, lambda r: r["Miles"])
show("electric", lambda r: r["Fuel"] == "Electric", price)
show("honda suv", lambda r: r["Make"] == "Honda" and r["body"] == "suv", price)
show("minivans", lambda r: r["body"] == "minivan", price)
show("sedans under 10k", lambda r: r["body"] == "sedan" and r["Price"] <= 10000, price)
show("leather+sunroof suv", lambda r: r["body"] == "suv" and "leather" in r["feat"] and "sunroof" in r["feat"], price)
show("4wd/awd suv under 15k", lambda r: r["body"] == "suv" and r["drv"] in ("awd", "4wd") and r["Price"] <= 15000, price)
show("cars 30mpg hwy+ under 10k", lambda r: r["Fuel"] != "Electric" and r["MPG City/Hwy"][0].isdigit() and int(r["MPG City/Hwy"].split("/")[1]) >= 30 and r["Price"] <= 10000, price)
show("diesel", lambda r: r["Fuel"] == "Diesel", price)
show("ford", lambda r: r["Make"] == "Ford", price)
show("all suvs", lambda r: r["body"] == "suv", price)
show("tow package under 20k", lambda r: "tow package" in r["feat"] and r["Price"] <= 20000, price)
show("red", lambda r: r["Color"] == "Red", price)
