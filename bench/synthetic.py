"""A generated product catalog of any size, product-like enough to measure search and advice.

Families with tiers, accessories that state compatibility, services; texts vary by brand, specs
and use. Deterministic for a seed. Used by the benchmarks only (never shipped as data).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

KINDS = [
    # category, noun, price range, specs, uses
    ("Laptops", "laptop", (450, 2400), ["{cpu}", "{ram} GB RAM", "{ssd} GB SSD", "{screen}-inch display"],
     ["office work", "travel", "engineering", "students", "sales teams"]),
    ("Smartphones", "smartphone", (180, 1400), ["{ssd} GB storage", "{screen}-inch OLED", "{cam} MP camera"],
     ["field staff", "executives", "everyday use"]),
    ("Monitors", "monitor", (120, 1100), ["{screen}-inch panel", "{hz} Hz refresh", "USB-C {watt} W"],
     ["designers", "traders", "home offices"]),
    ("Printers", "printer", (90, 1500), ["{ppm} pages per minute", "duplex printing", "Wi-Fi"],
     ["small offices", "workgroups", "shipping desks"]),
    ("Tablets", "tablet", (200, 1300), ["{screen}-inch screen", "{ssd} GB storage", "stylus support"],
     ["field sales", "classrooms", "warehouses"]),
    ("Headphones", "headset", (40, 450), ["active noise cancelling", "{hours} h battery", "Bluetooth 5.3"],
     ["video calls", "open offices", "commuting"]),
    ("Networking", "Wi-Fi access point", (80, 900), ["Wi-Fi 6E", "{ports} Gigabit ports", "PoE+"],
     ["branch offices", "warehouses", "schools"]),
    ("Office Chairs", "office chair", (150, 1200), ["adjustable lumbar support", "{hours}-year warranty", "mesh back"],
     ["long shifts", "call centres", "home offices"]),
]
ACCESSORIES = [
    ("Laptop Bags", "laptop bag", (25, 180), "Laptops"),
    ("Mice & Keyboards", "wireless mouse", (15, 130), "Laptops"),
    ("Docking Stations", "USB-C dock", (90, 380), "Laptops"),
    ("Phone Cases", "phone case", (12, 70), "Smartphones"),
    ("Screen Protectors", "screen protector", (8, 45), "Smartphones"),
    ("Printer Supplies", "toner cartridge", (35, 220), "Printers"),
    ("Tablet Keyboards", "keyboard cover", (60, 300), "Tablets"),
    ("Cables", "monitor cable", (9, 40), "Monitors"),
]
SERVICES = [("Warranty & Protection", "extended warranty", (49, 399)),
            ("Setup & Training", "on-site setup", (59, 499))]
BRANDS = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Adatum",
          "Wingtip", "Lucerne", "Coho", "Fourth", "Alpine", "Margie", "Trey", "Woodgrove"]
LINES = ["Pro", "Air", "Max", "Flex", "One", "Edge", "Core", "Prime", "Nova", "Zen", "Atlas",
         "Vista", "Pulse", "Orbit", "Quantum", "Summit", "Vertex", "Swift", "Titan", "Echo"]
COLUMNS = ["sku", "name", "category", "brand", "family", "tier", "price", "description",
           "features", "compatible_with", "stock", "status", "rating", "review_count"]


def _specs(rng: random.Random, templates: list[str], tier: int) -> list[str]:
    values = dict(cpu=rng.choice(["Core i5", "Core i7", "Ryzen 5", "Ryzen 7", "Core Ultra 7"]),
                  ram=8 * tier, ssd=128 * 2 ** tier, screen=rng.choice([13, 14, 15.6, 16, 24, 27]),
                  cam=12 * tier, hz=60 * tier, watt=45 + 20 * tier, ppm=20 + 10 * tier,
                  hours=10 + 8 * tier, ports=4 * tier)
    return [t.format(**values) for t in templates]


def generate(count: int, *, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    serial = 0
    while len(rows) < count:
        serial += 1
        kind = rng.random()
        if kind < 0.6:
            category, noun, (low, high), specs, uses = rng.choice(KINDS)
            brand, line = rng.choice(BRANDS), rng.choice(LINES)
            family = f"{brand} {line} {serial}"
            base = rng.uniform(low, high * 0.6)
            for tier in range(1, rng.randint(2, 4) + 1):
                price = round(base * (1.25 ** (tier - 1)), 2)
                use = rng.choice(uses)
                rows.append(dict(
                    sku=f"{category[:3].upper()}-{serial:06d}-{tier}", category=category,
                    name=f"{brand} {line} {serial} {['S', 'M', 'L', 'X'][tier - 1]} {noun}",
                    brand=brand, family=family, tier=tier, price=price,
                    description=f"A {noun} from {brand} for {use}; tier {tier} of the {line} line.",
                    features=";".join(_specs(rng, specs, tier)), compatible_with="",
                ))
        elif kind < 0.9:
            category, noun, (low, high), fits = rng.choice(ACCESSORIES)
            brand = rng.choice(BRANDS)
            rows.append(dict(
                sku=f"ACC-{serial:06d}", category=category, brand=brand, family="", tier="",
                name=f"{brand} {rng.choice(LINES)} {noun} {serial}",
                price=round(rng.uniform(low, high), 2), compatible_with=fits,
                description=f"A {noun} by {brand} that works with {fits.lower()}.",
                features=";".join(rng.sample(["USB-C", "slim design", "recycled materials",
                                              "2-year warranty", "fast charging", "magnetic",
                                              "water resistant", "lightweight"], 3)),
            ))
        else:
            category, noun, (low, high) = rng.choice(SERVICES)
            covers = rng.choice(KINDS)[0]
            rows.append(dict(
                sku=f"SVC-{serial:06d}", category=category, brand="Northwind", family="", tier="",
                name=f"{noun.title()} for {covers} {serial}", price=round(rng.uniform(low, high), 2),
                compatible_with=covers, features=f"{rng.randint(1, 5)} years;next business day",
                description=f"{noun.capitalize()} covering {covers.lower()}, delivered by our team.",
            ))
    for row in rows:
        row.update(stock=rng.choice([0] + [rng.randint(1, 200)] * 19), status="active",
                   rating=round(rng.uniform(3.4, 4.9), 1), review_count=rng.randint(3, 4000))
    return rows[:count]


def write_csv(path: Path, count: int, *, seed: int = 7) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(generate(count, seed=seed))
    return path
