"""A picture of where the offices are: a small, self-contained SVG map of locations.

No map tiles and no third-party service (the portal loads nothing from elsewhere): the map is
drawn from the locations' own coordinates, as numbered markers in their true relative position,
with the municipalities' names placed at the centre of their markers, a scale bar and north up.
It is a picture with a text alternative; the numbered list next to it carries the links.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: Half the span shown around a single point, in degrees of latitude (about 3 km).
MIN_HALF_SPAN = 0.03
KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class Marker:
    number: int
    x: float
    y: float
    title: str
    #: Where the office really is, when the marker had to move aside for its neighbours.
    true_x: float | None = None
    true_y: float | None = None


@dataclass(frozen=True)
class Place:
    name: str
    x: float
    y: float


@dataclass
class LocationMap:
    width: int
    height: int
    markers: list[Marker]
    places: list[Place] = field(default_factory=list)
    scale_km: int = 1
    scale_px: float = 0.0

    @property
    def scale_x(self) -> float:
        """Left end of the scale bar, so that bar and label end at the right edge."""
        return round(self.width - self.scale_px - 56, 1)

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.width} {self.height}"


#: Markers closer than this (in pixels) would overlap; they move onto rings around their centre.
MARKER_GAP = 24


def _declutter(projected, *, width: int, height: int) -> tuple[list[Marker], list[Place], float]:
    """Markers that would overlap are laid out on rings around their common centre (a leader
    line keeps the true position); each town's name goes above its group. Also returns the
    widest ring used, so that the caller can leave room for it at the edges."""
    clusters: list[list[tuple]] = []
    for item in projected:
        for cluster in clusters:
            cx = sum(p[1] for p in cluster) / len(cluster)
            cy = sum(p[2] for p in cluster) / len(cluster)
            if math.hypot(item[1] - cx, item[2] - cy) < MARKER_GAP:
                cluster.append(item)
                break
        else:
            clusters.append([item])
    markers: list[Marker] = []
    labels: dict[str, tuple[float, float, float]] = {}
    for cluster in clusters:
        cx = sum(p[1] for p in cluster) / len(cluster)
        cy = sum(p[2] for p in cluster) / len(cluster)
        radius = 0.0
        for index, (number, x, y, title, _place) in enumerate(cluster):
            if len(cluster) == 1:
                markers.append(Marker(number=number, x=x, y=y, title=title))
                continue
            ring, slot = 1, index
            while slot >= 6 * ring:  # ring k holds 6k markers
                slot -= 6 * ring
                ring += 1
            in_ring = min(6 * ring, len(cluster) - sum(6 * k for k in range(1, ring)))
            angle = 2 * math.pi * slot / in_ring - math.pi / 2
            radius = max(radius, MARKER_GAP * ring)
            mx = min(max(cx + MARKER_GAP * ring * math.cos(angle), 12), width - 12)
            my = min(max(cy + MARKER_GAP * ring * math.sin(angle), 12), height - 12)
            markers.append(
                Marker(
                    number=number, x=round(mx, 1), y=round(my, 1), title=title, true_x=x, true_y=y
                )
            )
        for _number, _x, _y, _title, place in cluster:
            if place and place not in labels:
                labels[place] = (cx, cy - radius - 18, radius)
    places = [
        Place(name=name, x=round(x, 1), y=round(max(y, 14), 1))
        for name, (x, y, _r) in sorted(labels.items())
    ]
    widest = max((r for _x, _y, r in labels.values()), default=0.0)
    return markers, places, widest


def _nice_km(km: float) -> int:
    """The longest round distance not longer than ``km`` (at least 1 km)."""
    steps = [step for step in (1, 2, 5, 10, 20, 50, 100) if step <= km]
    return steps[-1] if steps else 1


def location_map(
    points: list[tuple[int, float, float, str, str]],
    *,
    width: int = 640,
    height: int = 420,
    padding: int = 28,
) -> LocationMap | None:
    """``points``: ``(number, latitude, longitude, title, municipality)``. None without any."""
    points = [p for p in points if p[1] is not None and p[2] is not None]
    if not points:
        return None
    lats = [float(p[1]) for p in points]
    lons = [float(p[2]) for p in points]
    mid_lat = (min(lats) + max(lats)) / 2
    shrink = math.cos(math.radians(mid_lat))  # a degree of longitude is shorter up north
    half_lat = max((max(lats) - min(lats)) / 2, MIN_HALF_SPAN)
    half_lon = max((max(lons) - min(lons)) / 2 * shrink, MIN_HALF_SPAN)
    centre_lat, centre_lon = mid_lat, (min(lons) + max(lons)) / 2

    def layout(margin: float):
        scale = min((width - 2 * margin) / (2 * half_lon), (height - 2 * margin) / (2 * half_lat))

        def project(lat: float, lon: float) -> tuple[float, float]:
            x = width / 2 + (lon - centre_lon) * shrink * scale
            y = height / 2 - (lat - centre_lat) * scale
            return round(x, 1), round(y, 1)

        projected = [(n, *project(float(la), float(lo)), t, pl) for n, la, lo, t, pl in points]
        return scale, *_declutter(projected, width=width, height=height)

    # Lay out once, then again with room for the widest group of markers and its town's name.
    scale, markers, places, widest = layout(padding)
    if widest:
        scale, markers, places, _widest = layout(padding + widest + 12)
    km_per_px = 1 / scale * KM_PER_DEGREE
    scale_km = _nice_km(width / 4 * km_per_px)
    return LocationMap(
        width=width,
        height=height,
        markers=markers,
        places=places,
        scale_km=scale_km,
        scale_px=round(scale_km / km_per_px, 1),
    )


def organisations_map(organisations) -> LocationMap | None:
    """The map of a list page: one numbered marker per organisation (its first located site),
    numbered like the list. Uses the prefetched locations: no query of its own."""
    points = []
    for number, organisation in enumerate(organisations, start=1):
        for location in organisation.locations.all():
            if location.latitude is not None and location.longitude is not None:
                place = location.municipality.name if location.municipality_id else location.city
                title = f"{number}. {organisation.name}, {location.address_line}"
                points.append((number, location.latitude, location.longitude, title, place))
                break
    return location_map(points)


def locations_map(locations) -> LocationMap | None:
    """The map of one organisation's locations, numbered like their cards — when it has two or
    more with coordinates (one location needs no map; its card links to OpenStreetMap)."""
    located = [loc for loc in locations if loc.latitude is not None and loc.longitude is not None]
    if len(located) < 2:
        return None
    points = []
    for number, location in enumerate(locations, start=1):
        place = location.municipality.name if location.municipality_id else location.city
        title = f"{number}. {location.name or location.city}, {location.address_line}"
        points.append((number, location.latitude, location.longitude, title, place))
    return location_map(points)
