"""detect_lang: French or English from the text itself; the hint only breaks ties."""
import pytest

from transforms.lang import detect_lang

FRENCH = [
    "Un camion piégé a explosé mardi près du marché central, faisant au moins six morts selon la police.",
    "L’armée affirme avoir repoussé l’assaut",
    "Frappe de drone sur un dépôt d'essence à l'est du pays",
    "Les secours ont évacué quarante blessés vers l'hôpital régional dans la nuit.",
    "Grève à la SNCF : le trafic reste perturbé jeudi",
]
ENGLISH = [
    "A car bomb exploded near the central market on Tuesday, killing at least six people, police said.",
    "Troops say they repelled the assault",
    "Drone strike hits fuel depot in the east of the country",
    "Rescuers evacuated forty wounded people to the regional hospital overnight.",
    "Rail strike: traffic still disrupted on Thursday",
]


@pytest.mark.parametrize("text", FRENCH)
def test_french(text):
    assert detect_lang(text) == "fr"
    assert detect_lang(text, hint="en") == "fr"     # the hint never overrides evidence


@pytest.mark.parametrize("text", ENGLISH)
def test_english(text):
    assert detect_lang(text) == "en"
    assert detect_lang(text, hint="fr") == "en"


@pytest.mark.parametrize("hint, expected", [("fr", "fr"), ("FR-fr", "fr"), ("en-GB", "en"), (None, "en"),
                                            ("de", "en")])
def test_hint_breaks_ties_only(hint, expected):
    assert detect_lang("", hint) == expected
    assert detect_lang("Volodymyr Zelensky, Kyiv, 2024", hint) == expected


def test_english_quote_inside_french_story_stays_french():
    text = ("Le porte-parole a répondu en anglais : « We are ready ». Les négociations reprendront "
            "lundi à Genève, selon les deux délégations, qui ont refusé de commenter l'incident.")
    assert detect_lang(text) == "fr"


def test_french_place_names_in_english_story_stay_english():
    text = "Shelling hit Saint-Étienne-du-Rouvray and Orléans overnight, the prefecture said on Sunday."
    assert detect_lang(text) == "en"
