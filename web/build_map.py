#!/usr/bin/env python3
"""Adds Mali's neighbours to web/mali_regions.json, from the world-atlas
TopoJSON in ../shared/data/gazetteer/maps/world-atlas/countries-50m.json
(Natural Earth, public domain; npm world-atlas 2.0.2, ISC).

Usage (from the project root): python3 web/build_map.py [GAZETTEER_DIR]
Coordinates are rounded to 0.01 degree and points closer than 0.05 degree
dropped: a background for the map, not a survey."""
import json
import os
import sys

NEIGHBOURS = {"012": "Algérie", "854": "Burkina Faso", "324": "Guinée", "384": "Côte d'Ivoire",
              "478": "Mauritanie", "562": "Niger", "686": "Sénégal"}


def decode_arcs(topo):
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for p in arc:
            if t:
                x, y = x + p[0], y + p[1]
                points.append((x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]))
            else:
                points.append((p[0], p[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    out = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts if not out else pts[1:])
    return out


def simplify(points, step=0.05):
    kept = []
    for x, y in points:
        if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= step:
            kept.append((round(x, 2), round(y, 2)))
    return [list(p) for p in kept] if len(kept) >= 4 else []


def main():
    gaz = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/gazetteer"
    topo = json.load(open(os.path.join(gaz, "maps/world-atlas/countries-50m.json"), encoding="utf-8"))
    arcs = decode_arcs(topo)
    neighbours = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("id") not in NEIGHBOURS:
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = [simplify(ring(arcs, r)) for poly in polygons for r in poly[:1]]
        neighbours.append({"name": NEIGHBOURS[g["id"]], "rings": [r for r in rings if r]})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mali_regions.json")
    data = json.load(open(path, encoding="utf-8"))
    data["neighbours"] = sorted(neighbours, key=lambda n: n["name"])
    data["neighbours_source"] = "Natural Earth (public domain) via npm world-atlas 2.0.2; simplified for Vigie"
    json.dump(data, open(path, "w", encoding="utf-8"), ensure_ascii=False, separators=(",", ":"))
    print("%d neighbours, %d bytes" % (len(neighbours), os.path.getsize(path)))


if __name__ == "__main__":
    main()
