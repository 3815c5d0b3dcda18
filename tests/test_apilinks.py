"""_ext/apilinks.py: the map from where an object lives to where the docs document it."""

import apilinks

import examplerunner

INVENTORY = examplerunner.ROOT / "inventories" / "python.inv"


def test_the_map_leads_real_places_to_documented_names():
    mapping = apilinks.inventory_map(INVENTORY)
    assert mapping["multiprocessing.context.Process"] == "multiprocessing.Process"
    assert all(name.startswith(apilinks.PACKAGES) for name in mapping.values())


def test_the_map_is_kept_for_the_next_build_until_what_it_is_made_from_changes(
        tmp_path, monkeypatch):
    made = []
    monkeypatch.setattr(apilinks, "inventory_map",
                        lambda inventory: made.append(inventory) or {"a.b": "c.d"})
    inventory = tmp_path / "python.inv"
    inventory.write_bytes(INVENTORY.read_bytes())
    assert apilinks.kept_map(inventory, tmp_path / "doctrees") == {"a.b": "c.d"}
    assert apilinks.kept_map(inventory, tmp_path / "doctrees") == {"a.b": "c.d"}
    assert len(made) == 1
    apilinks.kept_map(inventory, tmp_path / "elsewhere")  # a clean build
    inventory.write_bytes(INVENTORY.read_bytes() + b"\n")  # a new inventory
    apilinks.kept_map(inventory, tmp_path / "doctrees")
    monkeypatch.setattr(apilinks.sys, "version", "3.99.0")  # another Python
    apilinks.kept_map(inventory, tmp_path / "doctrees")
    assert len(made) == 4
