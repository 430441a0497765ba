from __future__ import annotations

import pytest

from waqia._errors import NotUrduError
from waqia.document import Document
from waqia.stages.language import LanguageIdentifier, identify

URDU = (
    "پولیس کے مطابق بازار میں ہونے والے دھماکے میں تین افراد زخمی ہو گئے اور علاقے کو گھیرے میں لے لیا گیا۔"
)
URDU_ARABIC_KEYBOARD = (
    "پوليس كے مطابق بازار ميں هونے والے دهماكے ميں تين افراد زخمی هو گئے اور علاقے كو گهيرے ميں لے ليا گيا۔"
)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (URDU, "ur"),
        (URDU_ARABIC_KEYBOARD, "ur"),
        ("این یک متن کوتاه فارسی است که برای آزمایش این سامانه نوشته شده است و خبری نیست.", "fa"),
        ("هذا نص عربي قصير كتب لاختبار هذا النظام وليس خبرا حقيقيا عن أي حدث في المنطقة.", "ar"),
        ("This is a short English paragraph written to test the language check of the pipeline.", "en"),
        ("यह एक छोटा हिंदी अनुच्छेद है जो इस प्रणाली की भाषा जाँच के लिए लिखा गया है।", "hi"),
    ],
)
def test_identify(text: str, lang: str) -> None:
    assert identify(text).lang == lang


def test_short_arabic_script_text_is_taken_as_urdu() -> None:
    assert identify("کراچی میں فائرنگ").lang == "ur"


def test_stage_skips_other_languages_with_a_clear_reason() -> None:
    stage = LanguageIdentifier()
    doc = stage(Document(raw=URDU))
    assert doc.meta["language"]["lang"] == "ur"
    with pytest.raises(NotUrduError, match="English"):
        stage(Document(raw="This is a short English paragraph written to test the language check."))
    with pytest.raises(NotUrduError, match="no letters"):
        stage(Document(raw="12345 ... 678"))
