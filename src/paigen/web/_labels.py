"""What the edit form's fields are called, and what they offer to choose from.

Labels are English message ids shown in the page's language (in Chinese, the workbook's column
headers where one exists); a list of names (boards, people on duty) offers the names the county
knows, and a list of rows gets a button that adds a row in the page.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from paigen.i18n import N_, _

# Section titles and the label of each field (in Chinese, the workbook's column labels where one exists).
SECTIONS = {
    "village": N_("Village (community)"), "center": N_("Service centre"), "people": N_("People"),
    "duty": N_("Duty"), "services": N_("Services"), "rating": N_("Star rating"),
    "wayfinding": N_("Direction signs"), "facade": N_("Facade"),
    "members": N_("Members' honour board"), "facts": N_("Acceptance figures"),
    "acceptance": N_("Acceptance"),
}
LABELS = {
    "name": N_("Name"), "township": N_("Township (street)"), "type": N_("Type"),
    "county": N_("County (city)"), "province": N_("Province"),
    "party_org": N_("Party organisation"), "level": N_("Party organisation level"),
    "committee": N_("Villagers' (residents') committee"),
    "supervision": N_("Supervision committee"), "address": N_("Address"),
    "hours": N_("Office hours"), "phone": N_("Phone"), "wechat_url": N_("Official account link"),
    "building_area_m2": N_("Building area m²"), "floors": N_("Floors"), "rooms": N_("Rooms"),
    "floor": N_("Floor"), "area_m2": N_("Area m²"), "also": N_("Also named"),
    "party": N_("Party room"), "seats": N_("Seats"), "windows": N_("Service windows"),
    "boards": N_("Boards on the wall"), "direction": N_("Direction"),
    "wall_mm": N_("Wall width mm"), "roles": N_("Posts"), "per_day": N_("People on duty a day"),
    "week": N_("Duty rota"), "day": N_("Weekday"), "names": N_("People on duty"),
    "items": N_("Service items"), "year": N_("Year"), "stars": N_("Stars"),
    "place": N_("Where it stands"), "distance_m": N_("Distance m"), "walls": N_("Walls"),
    "length_mm": N_("Length mm"), "height_mm": N_("Height mm"),
    "openings": N_("Doors and windows"), "main": N_("Main elevation"), "kind": N_("Kind"),
    "x_mm": N_("From the wall's left end mm"), "width_mm": N_("Width mm"),
    "sill_mm": N_("Sill height mm"), "category": N_("Category"), "points": N_("Points"),
    "square_area_m2": N_("Square area m²"), "bulletin_area_m2": N_("Notice board area m²"),
    "meeting_capacity": N_("Meeting room capacity"),
    "service_hall_area_m2": N_("Service hall area m²"),
    "sports_area_m2": N_("Sports ground area m²"), "library_books": N_("Library books"),
    "members_count": N_("Party members"), "volunteer_teams": N_("Volunteer teams"),
    "theme_days_per_year": N_("Theme Party days a year"),
    "public_activities_per_year": N_("Public activities a year"),
    "staff_training_hours": N_("Staff training hours a year"),
    "remote_edu_funds_yuan": N_("Remote education funds a year, yuan"),
    "satisfaction_pct": N_("Satisfaction %"), "short_name": N_("Short name"),
    "date": N_("Acceptance date"), "findings": N_("Checklist findings"), "item": N_("Checklist item"),
    "result": N_("Result"), "found": N_("What was found"), "builder": N_("Builder's representative"),
    "materials": N_("Materials checked"),
}
#: labels that depend on where the field is (the acceptance team is not the members' board)
PLACED = {("acceptance", "members"): N_("Acceptance team")}
CHOICE_LABELS = {
    "door": N_("Door"), "window": N_("Window"),
}


def label_of(name: str, path: tuple = ()) -> Markup:
    placed = PLACED.get(tuple(p for p in path if not isinstance(p, int))[-2:])
    label = placed or LABELS.get(name) or SECTIONS.get(name)
    return escape(_(label) if label else name)


def add_button() -> str:
    """A button (shown by the page's script) that adds a blank row without a round trip."""
    text = _("+ add a row")
    return f'<button type="button" class="button light add-row" hidden>{escape(text)}</button>'


def suggestions(path: tuple) -> str:
    """The choices a text box offers: valid board names, the rooms' names, the people."""
    if path[-1:] == ("boards",):
        return ' list="dl-boards" data-many="1"'
    if path[:2] == ("center", "rooms") and path[-1:] == ("name",):
        return ' list="dl-rooms"'
    if path[:1] == ("duty",) and path[-1:] == ("names",):
        return ' list="dl-people" data-many="1"'
    return ""


def choices(job) -> dict[str, list[str]]:
    """What the form's text boxes offer: the board names the county knows (paigen's library and
    the county's boards/), the room names and the people of the job's villages."""
    from paigen.model.boards import board_library
    from paigen.web._store import village_documents

    try:
        boards = sorted(board_library(job.root))
    except Exception:  # a broken county board is reported by the checks; offer none meanwhile
        boards = []
    rooms: dict[str, None] = {}
    people: dict[str, None] = {}
    for data in village_documents(job).values():
        center = data.get("center") if isinstance(data, dict) else None
        for room in (center.get("rooms") if isinstance(center, dict) else None) or []:
            if isinstance(room, dict) and isinstance(room.get("name"), str):
                rooms[room["name"]] = None
        for person in (data.get("people") if isinstance(data, dict) else None) or []:
            if isinstance(person, dict) and isinstance(person.get("name"), str):
                people[person["name"]] = None
    return {"boards": boards, "rooms": sorted(rooms), "people": list(people)}
