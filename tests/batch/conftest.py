"""Inputs for the batch tests, written here: invented Urdu reports built from a few templates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

CITIES = ["کوئٹہ", "پشاور", "لاہور", "کراچی", "ملتان"]
NUMBERS = ["دو", "تین", "چار", "پانچ", "چھ"]
TEMPLATES = [
    "{city} میں پولیس نے {n} مشتبہ افراد کو گرفتار کر لیا۔ پولیس کے مطابق ان کے قبضے سے اسلحہ برآمد ہوا۔",
    "{city} میں نامعلوم موٹر سائیکل سواروں کی فائرنگ سے {n} افراد جاں بحق ہو گئے۔",
    "{city} میں اساتذہ نے تنخواہوں میں اضافے کے لیے پریس کلب کے سامنے احتجاجی مظاہرہ کیا۔",
    "{city} کے بازار میں دستی بم کے دھماکے سے {n} افراد زخمی ہو گئے۔",
]


def invented_report(k: int) -> dict[str, object]:
    """Report ``k``: a headline-free article from the templates, dated so that neighbours overlap."""
    text = TEMPLATES[k % len(TEMPLATES)].format(city=CITIES[k % len(CITIES)], n=NUMBERS[k % len(NUMBERS)])
    return {"doc_id": f"r{k:04d}", "text": text, "pub_date": f"2024-05-{1 + (k // 7) % 28:02d}", "lang": "ur"}


WriteReports = Callable[[Path, int], Path]


@pytest.fixture
def write_reports() -> WriteReports:
    """Write ``count`` invented reports as a JSONL file and return its path."""

    def write(path: Path, count: int) -> Path:
        path.write_text(
            "".join(json.dumps(invented_report(k), ensure_ascii=False) + "\n" for k in range(count)),
            encoding="utf-8",
        )
        return path

    return write
