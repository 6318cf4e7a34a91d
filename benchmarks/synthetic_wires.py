"""Synthetic French and English wire stories for benchmarks, from templates written for this project.

Deterministic for a seed. About 200 words a story: a lead naming the event (type, place, day, toll,
actor), attributions, a witness, aftermath and regional context, each sentence assembled from
independently chosen fragments, with generated names and figures, so that two unrelated stories share
few word 3-shingles (as real wires about the same region do). Some events are reported in both
languages (same facts, different text); some stories are republished by another outlet with light
edits; about one story in six is no attack at all (politics, economy, sport).

    stories(n, seed=1, end=...) -> list[dict]   # incident-schema story fields plus `event`, `outlet`, `dup_of`
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

PLACES = [  # (English name, French name, country EN, country FR)
    ("Gao", "Gao", "Mali", "Mali"), ("Mopti", "Mopti", "Mali", "Mali"), ("Kidal", "Kidal", "Mali", "Mali"),
    ("Timbuktu", "Tombouctou", "Mali", "Mali"), ("Menaka", "Ménaka", "Mali", "Mali"),
    ("Ouahigouya", "Ouahigouya", "Burkina Faso", "Burkina Faso"), ("Djibo", "Djibo", "Burkina Faso", "Burkina Faso"),
    ("Dori", "Dori", "Burkina Faso", "Burkina Faso"), ("Tillaberi", "Tillabéri", "Niger", "Niger"),
    ("Diffa", "Diffa", "Niger", "Niger"), ("Maiduguri", "Maiduguri", "Nigeria", "Nigeria"),
    ("Mogadishu", "Mogadiscio", "Somalia", "Somalie"), ("Kismayo", "Kismayo", "Somalia", "Somalie"),
    ("Baidoa", "Baidoa", "Somalia", "Somalie"), ("Mosul", "Mossoul", "Iraq", "Irak"),
    ("Kirkuk", "Kirkouk", "Iraq", "Irak"), ("Baghdad", "Bagdad", "Iraq", "Irak"),
    ("Idlib", "Idleb", "Syria", "Syrie"), ("Aleppo", "Alep", "Syria", "Syrie"), ("Deir ez-Zor", "Deir ez-Zor", "Syria", "Syrie"),
    ("Kharkiv", "Kharkiv", "Ukraine", "Ukraine"), ("Zaporizhzhia", "Zaporijjia", "Ukraine", "Ukraine"),
    ("Kherson", "Kherson", "Ukraine", "Ukraine"), ("Odesa", "Odessa", "Ukraine", "Ukraine"),
    ("Peshawar", "Peshawar", "Pakistan", "Pakistan"), ("Quetta", "Quetta", "Pakistan", "Pakistan"),
    ("Kabul", "Kaboul", "Afghanistan", "Afghanistan"), ("Goma", "Goma", "Democratic Republic of the Congo", "RDC"),
    ("Beni", "Beni", "Democratic Republic of the Congo", "RDC"), ("Bunia", "Bunia", "Democratic Republic of the Congo", "RDC"),
    ("Sanaa", "Sanaa", "Yemen", "Yémen"), ("Marib", "Marib", "Yemen", "Yémen"), ("Khartoum", "Khartoum", "Sudan", "Soudan"),
    ("El Fasher", "El-Facher", "Sudan", "Soudan"), ("Pemba", "Pemba", "Mozambique", "Mozambique"),
]
ACTORS = [("Islamic State", "l'État islamique"), ("al-Shabaab", "les shebab"), ("Boko Haram", "Boko Haram"),
          ("JNIM", "le JNIM"), ("the Taliban", "les talibans"), ("Russian forces", "les forces russes"),
          ("the RSF", "les FSR"), ("the M23", "le M23"), ("the Houthis", "les Houthis"), ("the ADF", "les ADF")]
# event kind -> (English noun phrase, French noun phrase, English verb phrase, French verb phrase)
KINDS = {
    "air": ("an air strike", "une frappe aérienne", "struck", "a frappé"),
    "drone": ("a drone strike", "une frappe de drone", "hit", "a touché"),
    "shelling": ("artillery shelling", "des tirs d'artillerie", "pounded", "ont pilonné"),
    "carbomb": ("a car bomb", "une voiture piégée", "exploded in", "a explosé à"),
    "suicide": ("a suicide bombing", "un attentat-suicide", "tore through", "a frappé"),
    "gunmen": ("an attack by gunmen", "une attaque d'hommes armés", "targeted", "a visé"),
    "clash": ("heavy fighting", "de violents combats", "broke out in", "ont éclaté à"),
    "grenade": ("a grenade attack", "une attaque à la grenade", "targeted", "a visé"),
}
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
EN_NUM = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
FR_NUM = ["aucun", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"]
SYL = ["ka", "mo", "ri", "ta", "sa", "lu", "be", "na", "di", "ko", "ha", "mi", "ze", "fa", "go", "ru", "el", "ya",
       "bo", "ti", "ne", "sou", "ma", "da", "li", "ou", "ra", "ke", "si", "tou"]
EN_TARGETS = ["a market", "a military post", "a police checkpoint", "a convoy", "a village", "a mosque", "a school",
              "a camp for displaced people", "a bus station", "a hotel", "a fuel depot", "an army base",
              "a cattle market", "a wedding party", "a road construction site", "a health centre"]
FR_TARGETS = ["un marché", "un poste militaire", "un barrage de police", "un convoi", "un village", "une mosquée",
              "une école", "un camp de déplacés", "une gare routière", "un hôtel", "un dépôt de carburant",
              "une base de l'armée", "un marché à bétail", "un mariage", "un chantier routier", "un centre de santé"]
EN_SOURCES = ["a local official", "a security source", "the regional governor", "a hospital director",
              "a spokesman for the army", "residents reached by telephone", "a humanitarian worker",
              "the health ministry", "a police officer who asked not to be named", "an elected official"]
FR_SOURCES = ["un responsable local", "une source sécuritaire", "le gouverneur de la région", "un directeur d'hôpital",
              "un porte-parole de l'armée", "des habitants joints par téléphone", "un travailleur humanitaire",
              "le ministère de la Santé", "un policier sous couvert d'anonymat", "un élu local"]
EN_TOPICS = ["budget talks", "a fuel price increase", "the cotton harvest", "a football final", "school exams",
             "a new bridge", "a mining licence", "an election calendar", "a vaccination campaign", "a trade fair",
             "rainfall forecasts", "a film festival", "a textile factory", "port traffic", "a cycling race"]
FR_TOPICS = ["des négociations budgétaires", "une hausse du prix du carburant", "la récolte de coton",
             "une finale de football", "les examens scolaires", "un nouveau pont", "un permis minier",
             "un calendrier électoral", "une campagne de vaccination", "une foire commerciale",
             "les prévisions de pluie", "un festival de cinéma", "une usine textile", "le trafic portuaire",
             "une course cycliste"]
EN_OUTLETS = ["Sahel Wire", "Horn Daily", "Levant Report", "Eastern Front News", "Lake Chad Monitor", "Gulf Brief"]
FR_OUTLETS = ["Dépêche Sahel", "Le Courrier de l'Est", "Info Levant", "Le Veilleur", "Agence Lac Tchad", "Écho du Golfe"]


def stories(n: int, seed: int = 1, end: datetime | None = None) -> list[dict]:
    """n stories published over the days before `end` (about 300 a day), oldest first."""
    rng = random.Random(seed)
    end = end or datetime.now(timezone.utc).replace(microsecond=0)
    days = max(7, n // 300)
    out: list[dict] = []
    while len(out) < n:
        published = end - timedelta(seconds=rng.randrange(days * 86400))
        i = len(out)
        if out and rng.random() < 0.05:
            out.append(_republication(rng, rng.choice(out[-500:]), i))
        elif rng.random() < 0.16:
            out.append(_other_story(rng, i, published))
        else:
            event = _event(rng, published)
            lang = rng.choice(("en", "fr"))
            out.append(_attack_story(rng, event, lang, i, published))
            if rng.random() < 0.2 and len(out) < n:   # the same event from a wire in the other language
                later = published + timedelta(minutes=rng.randrange(20, 600))
                out.append(_attack_story(rng, event, "fr" if lang == "en" else "en", i + 1, later))
    out = out[:n]
    out.sort(key=lambda s: (s["published"], s["id"]))
    return out


def _name(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(SYL) for _ in range(syllables)).capitalize()


def _person(rng: random.Random) -> str:
    return f"{_name(rng, rng.randint(2, 3))} {_name(rng, rng.randint(2, 4))}"


def _event(rng: random.Random, published: datetime) -> dict:
    place = rng.choice(PLACES)
    kind = rng.choice(list(KINDS))
    lag = rng.choice((0, 0, 1, 1, 2))
    return {"id": f"ev{rng.getrandbits(48):012x}", "place": place, "kind": kind, "actor": rng.choice(ACTORS),
            "day": (published - timedelta(days=lag)).date(), "lag": lag, "killed": rng.randint(0, 40),
            "injured": rng.randint(0, 60), "target": rng.randrange(len(EN_TARGETS)),
            "village": _name(rng, 3), "km": rng.randint(3, 90)}


def _count(n: int, words: list[str]) -> str:
    return words[n] if n < len(words) else str(n)


def _when(lang: str, event: dict) -> str:
    if event["lag"] == 0:
        return "today" if lang == "en" else "aujourd'hui"
    day = event["day"].weekday()
    return f"on {EN_DAYS[day]}" if lang == "en" else FR_DAYS[day]


def _attack_story(rng: random.Random, event: dict, lang: str, i: int, published: datetime) -> dict:
    make = _english if lang == "en" else _french
    title, paragraphs = make(rng, event)
    outlet = rng.choice(EN_OUTLETS if lang == "en" else FR_OUTLETS)
    return _story(i, lang, title, paragraphs, published, outlet, event["id"])


def _english(rng: random.Random, e: dict) -> tuple[str, list[str]]:
    place, country = e["place"][0], e["place"][2]
    noun, verb = KINDS[e["kind"]][0], KINDS[e["kind"]][2]
    killed, injured, actor = _count(e["killed"], EN_NUM), _count(e["injured"], EN_NUM), e["actor"][0]
    target, when = EN_TARGETS[e["target"]], _when("en", e)
    title = rng.choice([f"{country}: {killed} killed in {noun.split(' ', 1)[1]} near {place}",
                        f"{noun.capitalize()} kills {killed} in {place}, {country}",
                        f"At least {killed} dead after {noun} hits {target} in {place}",
                        f"{place} attack leaves {killed} dead, {injured} wounded"])
    lead = rng.choice([
        f"{noun.capitalize()} {verb} {target} in {place}, {country}, {when}, killing {killed} people and "
        f"wounding {injured}, {rng.choice(EN_SOURCES)} said.",
        f"At least {killed} people were killed and {injured} injured {when} when {noun} {verb} {target} "
        f"near the village of {e['village']}, about {e['km']} km from {place}.",
        f"{killed.capitalize()} civilians died and {injured} more were hurt in {noun} on {target} in the "
        f"{country} town of {place} {when}, according to {rng.choice(EN_SOURCES)}."])
    claim = rng.choice([f"No group has claimed responsibility, but officials blamed {actor}.",
                        f"{actor[0].upper() + actor[1:]} claimed the attack in a statement posted online.",
                        f"Security forces suspect {actor}, which is active in the area."])
    witness = (f"\"{rng.choice(['We heard', 'I saw', 'There was', 'People ran after'])} "
               f"{rng.choice(['a huge blast', 'smoke everywhere', 'shooting for an hour', 'the first explosion'])} "
               f"{rng.choice(['near the gate', 'behind the shops', 'on the main road', 'by the river'])},\" said "
               f"{_person(rng)}, a {rng.choice(['trader', 'teacher', 'driver', 'nurse', 'farmer', 'student'])} aged "
               f"{rng.randint(19, 70)}.")
    return title, [lead + " " + claim, witness + " " + _en_aftermath(rng, e), _en_context(rng, e)]


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _en_aftermath(rng: random.Random, e: dict) -> str:
    p, v = e["place"][0], e["village"]
    return " ".join(rng.sample([
        f"The wounded were taken to {_pick(rng, 'the regional hospital', 'a military clinic', 'a field hospital', 'two private clinics')} "
        f"in {p}, where {rng.randint(2, 9)} remained in {_pick(rng, 'serious', 'critical', 'stable')} condition.",
        f"Authorities imposed a {rng.randint(6, 72)}-hour curfew on {_pick(rng, 'the district', 'the town', 'the road to ' + _name(rng))}.",
        f"{_person(rng)}, who runs a {_pick(rng, 'pharmacy', 'bakery', 'garage', 'radio station', 'phone shop')} "
        f"{_pick(rng, 'nearby', 'two streets away', 'opposite the site')}, said {rng.randint(3, 40)} shops had closed.",
        f"Reinforcements from {_name(rng)} arrived {rng.randint(1, 5)} hours later, {_person(rng)} added.",
        f"Telephone lines to {v} were cut for most of the {_pick(rng, 'night', 'morning', 'afternoon')}.",
        f"{rng.randint(2, 30)} {_pick(rng, 'vehicles', 'motorbikes', 'houses', 'stalls')} were "
        f"{_pick(rng, 'burned', 'destroyed', 'damaged')}, {_pick(rng, 'images shared by', 'photos from', 'a video sent by')} "
        f"{_person(rng)} showed.",
        f"{_name(rng)} {_name(rng)}, {_pick(rng, 'mayor', 'prefect', 'chief', 'imam')} of {v}, "
        f"{_pick(rng, 'called for calm', 'asked for troops', 'urged families to stay indoors', 'appealed for blood donors')}.",
        f"Schools in {_name(rng)} and {_name(rng)} {_pick(rng, 'stayed shut', 'closed early', 'sent pupils home')} "
        f"on {_pick(rng, *EN_DAYS)}.",
        f"A {_pick(rng, 'column', 'convoy', 'patrol')} of {rng.randint(4, 60)} {_pick(rng, 'trucks', 'pickups', 'soldiers')} "
        f"was seen heading towards {_name(rng)} by {_person(rng)}.",
        f"The {_name(rng)} road, used by {rng.randint(2, 90)}00 {_pick(rng, 'traders', 'herders', 'buses', 'lorries')} "
        f"a week, was {_pick(rng, 'closed', 'blocked', 'reopened')} {_pick(rng, 'at dusk', 'by noon', 'after dawn')}."], 5))


def _en_context(rng: random.Random, e: dict) -> str:
    return " ".join(rng.sample([
        f"The region has seen {_pick(rng, 'repeated', 'growing', 'sporadic', 'deadly')} violence since "
        f"{_pick(rng, 'the coup', 'the elections', 'the ceasefire collapsed', 'foreign troops left', 'the dry season began')} "
        f"in {rng.randint(2012, 2024)}.",
        f"Some {rng.randint(2, 90)},{rng.randint(100, 999)} people have fled {_pick(rng, 'the border area', 'nearby villages', 'the province')}"
        f" since {_pick(rng, 'January', 'March', 'June', 'September')}, {_pick(rng, 'the UN refugee agency', 'the IOM', 'the Red Cross', 'aid groups')} say.",
        f"{_person(rng)}, an analyst at the {_name(rng)} Institute, said the group was "
        f"{_pick(rng, 'testing', 'stretching', 'exploiting', 'probing')} weak points in {_pick(rng, 'local', 'regional', 'rural')} defences.",
        f"Talks on {_pick(rng, 'security', 'aid corridors', 'a prisoner swap', 'local truces')} are due to resume in "
        f"{_name(rng)} next {_pick(rng, *EN_DAYS)}.",
        f"Prices of {_pick(rng, 'millet', 'rice', 'fuel', 'sugar', 'cooking oil')} in {_name(rng)} have risen "
        f"{rng.randint(10, 80)} percent this {_pick(rng, 'year', 'season', 'quarter')}.",
        f"{_person(rng)}, {_pick(rng, 'a lawmaker', 'a former minister', 'a union leader', 'a chief')} from {_name(rng)}, "
        f"{_pick(rng, 'accused', 'criticised', 'defended')} the {_pick(rng, 'army', 'government', 'governor')} on {_pick(rng, 'radio', 'television', 'social media')}.",
        f"Donors pledged {rng.randint(2, 90)} million {_pick(rng, 'dollars', 'euros')} for {_name(rng)} province "
        f"{_pick(rng, 'last month', 'in the spring', 'at a conference in ' + _name(rng))}.",
        f"{_pick(rng, 'Harvests', 'Cattle sales', 'School enrolments', 'River levels')} around {_name(rng)} "
        f"{_pick(rng, 'fell', 'rose', 'stalled')} by a {_pick(rng, 'third', 'quarter', 'half')}, {_person(rng)} estimated."], 4))


def _french(rng: random.Random, e: dict) -> tuple[str, list[str]]:
    place, country = e["place"][1], e["place"][3]
    noun, verb = KINDS[e["kind"]][1], KINDS[e["kind"]][3]
    killed, injured, actor = _count(e["killed"], FR_NUM), _count(e["injured"], FR_NUM), e["actor"][1]
    target, when = FR_TARGETS[e["target"]], _when("fr", e)
    title = rng.choice([f"{country} : {killed} morts dans {noun} près de {place}",
                        f"{noun[0].upper() + noun[1:]} fait {killed} morts à {place}",
                        f"Au moins {killed} tués à {place}, {country}",
                        f"{place} : {killed} morts et {injured} blessés"])
    lead = rng.choice([
        f"{noun[0].upper() + noun[1:]} {verb} {target} à {place} ({country}) {when}, faisant {killed} morts et "
        f"{injured} blessés, selon {rng.choice(FR_SOURCES)}.",
        f"Au moins {killed} personnes ont été tuées et {injured} blessées {when} lorsque {noun} {verb} {target} "
        f"près du village de {e['village']}, à {e['km']} km de {place}.",
        f"{killed.capitalize()} civils ont péri et {injured} autres ont été blessés dans {noun} contre {target} "
        f"dans la ville de {place} {when}, d'après {rng.choice(FR_SOURCES)}."])
    claim = rng.choice([f"L'attaque n'a pas été revendiquée, mais les autorités accusent {actor}.",
                        f"{actor[0].upper() + actor[1:]} ont revendiqué l'attaque dans un communiqué.",
                        f"Les forces de sécurité soupçonnent {actor}, actifs dans la zone."])
    witness = (f"« {rng.choice(['Nous avons entendu', 'J’ai vu', 'Il y a eu', 'Les gens ont fui après'])} "
               f"{rng.choice(['une forte détonation', 'de la fumée partout', 'des tirs pendant une heure', 'la première explosion'])} "
               f"{rng.choice(['près du portail', 'derrière les boutiques', 'sur la route principale', 'au bord du fleuve'])} », "
               f"raconte {_person(rng)}, {rng.choice(['commerçant', 'enseignant', 'chauffeur', 'infirmier', 'cultivateur', 'étudiant'])} "
               f"de {rng.randint(19, 70)} ans.")
    return title, [lead + " " + claim, witness + " " + _fr_aftermath(rng, e), _fr_context(rng, e)]


def _fr_aftermath(rng: random.Random, e: dict) -> str:
    p, v = e["place"][1], e["village"]
    return " ".join(rng.sample([
        f"Les blessés ont été transférés vers {_pick(rng, 'l’hôpital régional', 'une clinique militaire', 'un hôpital de campagne', 'deux cliniques privées')} "
        f"de {p}, où {rng.randint(2, 9)} restaient dans un état {_pick(rng, 'grave', 'critique', 'stable')}.",
        f"Les autorités ont décrété un couvre-feu de {rng.randint(6, 72)} heures sur {_pick(rng, 'le district', 'la ville', 'la route de ' + _name(rng))}.",
        f"{_person(rng)}, qui tient {_pick(rng, 'une pharmacie', 'une boulangerie', 'un garage', 'une radio', 'une boutique de téléphones')} "
        f"{_pick(rng, 'à côté', 'deux rues plus loin', 'en face')}, affirme que {rng.randint(3, 40)} boutiques ont fermé.",
        f"Des renforts venus de {_name(rng)} sont arrivés {rng.randint(1, 5)} heures plus tard, ajoute {_person(rng)}.",
        f"Les lignes téléphoniques vers {v} ont été coupées une bonne partie de la {_pick(rng, 'nuit', 'matinée', 'journée')}.",
        f"{rng.randint(2, 30)} {_pick(rng, 'véhicules', 'motos', 'maisons', 'étals')} ont été "
        f"{_pick(rng, 'incendiés', 'détruits', 'endommagés')}, selon {_pick(rng, 'des images transmises par', 'des photos de', 'une vidéo de')} "
        f"{_person(rng)}.",
        f"{_name(rng)} {_name(rng)}, {_pick(rng, 'maire', 'préfet', 'chef', 'imam')} de {v}, "
        f"{_pick(rng, 'a appelé au calme', 'réclame des troupes', 'demande aux familles de rester chez elles', 'lance un appel aux donneurs de sang')}.",
        f"Les écoles de {_name(rng)} et de {_name(rng)} {_pick(rng, 'sont restées fermées', 'ont fermé plus tôt', 'ont renvoyé les élèves')} "
        f"{_pick(rng, *FR_DAYS)}.",
        f"{_pick(rng, 'Une colonne', 'Un convoi', 'Une patrouille')} de {rng.randint(4, 60)} {_pick(rng, 'camions', 'pick-up', 'soldats')} "
        f"a été vue en direction de {_name(rng)} par {_person(rng)}.",
        f"La route de {_name(rng)}, empruntée chaque semaine par {rng.randint(2, 90)}00 {_pick(rng, 'commerçants', 'éleveurs', 'cars', 'camions')}, "
        f"a été {_pick(rng, 'fermée', 'bloquée', 'rouverte')} {_pick(rng, 'au crépuscule', 'vers midi', 'à l’aube')}."], 5))


def _fr_context(rng: random.Random, e: dict) -> str:
    return " ".join(rng.sample([
        f"La région connaît des violences {_pick(rng, 'répétées', 'croissantes', 'sporadiques', 'meurtrières')} depuis "
        f"{_pick(rng, 'le coup d’État', 'les élections', 'la fin du cessez-le-feu', 'le départ des troupes étrangères', 'le début de la saison sèche')} "
        f"de {rng.randint(2012, 2024)}.",
        f"Quelque {rng.randint(2, 90)} {rng.randint(100, 999)} personnes ont fui {_pick(rng, 'la zone frontalière', 'les villages voisins', 'la province')}"
        f" depuis {_pick(rng, 'janvier', 'mars', 'juin', 'septembre')}, selon {_pick(rng, 'le HCR', 'l’OIM', 'la Croix-Rouge', 'des ONG')}.",
        f"Pour {_person(rng)}, chercheur à l’institut {_name(rng)}, le groupe "
        f"{_pick(rng, 'teste', 'exploite', 'sonde', 'met à l’épreuve')} les failles du dispositif {_pick(rng, 'local', 'régional', 'rural')}.",
        f"Des discussions sur {_pick(rng, 'la sécurité', 'les couloirs humanitaires', 'un échange de prisonniers', 'des trêves locales')}"
        f" doivent reprendre à {_name(rng)} {_pick(rng, *FR_DAYS)} prochain.",
        f"Le prix {_pick(rng, 'du mil', 'du riz', 'du carburant', 'du sucre', 'de l’huile')} a augmenté de {rng.randint(10, 80)} % "
        f"à {_name(rng)} cette {_pick(rng, 'année', 'saison', 'semaine')}.",
        f"{_person(rng)}, {_pick(rng, 'député', 'ancien ministre', 'syndicaliste', 'chef coutumier')} originaire de {_name(rng)}, "
        f"{_pick(rng, 'a accusé', 'a critiqué', 'a défendu')} {_pick(rng, 'l’armée', 'le gouvernement', 'le gouverneur')} {_pick(rng, 'à la radio', 'à la télévision', 'sur les réseaux sociaux')}.",
        f"Les bailleurs ont promis {rng.randint(2, 90)} millions {_pick(rng, 'de dollars', 'd’euros')} pour la province de {_name(rng)} "
        f"{_pick(rng, 'le mois dernier', 'au printemps', 'lors d’une conférence à ' + _name(rng))}.",
        f"{_pick(rng, 'Les récoltes', 'Les ventes de bétail', 'Les inscriptions scolaires', 'Les niveaux du fleuve')} autour de {_name(rng)} "
        f"ont {_pick(rng, 'chuté', 'augmenté', 'stagné')} d’un {_pick(rng, 'tiers', 'quart', 'bon tiers')}, estime {_person(rng)}."], 4))


def _other_story(rng: random.Random, i: int, published: datetime) -> dict:
    lang = rng.choice(("en", "fr"))
    place = rng.choice(PLACES)
    if lang == "en":
        topic = rng.choice(EN_TOPICS)
        title = f"{place[2]}: {topic} {rng.choice(['draws crowds', 'stirs debate', 'delayed again', 'back on track'])} in {place[0]}"
        body = [f"Officials in {place[0]} said on {rng.choice(EN_DAYS)} that {topic} would "
                f"{rng.choice(['go ahead', 'be reviewed', 'cost more than planned', 'start next month'])}, "
                f"{_person(rng)} told reporters.",
                f"Some {rng.randint(100, 9000)} people are expected, and organisers from {_name(rng)} promised "
                f"{rng.choice(['free transport', 'extra stalls', 'longer hours', 'a public screening'])}.",
                f"\"{rng.choice(['It is good news', 'We waited years', 'Nobody asked us', 'This changes little'])}\", said "
                f"{_person(rng)}, who {rng.choice(['sells cloth', 'drives a taxi', 'teaches maths', 'farms onions'])}."]
        outlet = rng.choice(EN_OUTLETS)
    else:
        topic = rng.choice(FR_TOPICS)
        title = f"{place[3]} : {topic} {rng.choice(['attire la foule', 'fait débat', 'encore reporté', 'relancé'])} à {place[1]}"
        body = [f"Les autorités de {place[1]} ont indiqué {rng.choice(FR_DAYS)} que {topic} allait "
                f"{rng.choice(['se poursuivre', 'être réexaminé', 'coûter plus que prévu', 'démarrer le mois prochain'])}, "
                f"a déclaré {_person(rng)}.",
                f"Quelque {rng.randint(100, 9000)} personnes sont attendues et les organisateurs venus de {_name(rng)} "
                f"promettent {rng.choice(['des transports gratuits', 'plus de stands', 'des horaires élargis', 'une projection publique'])}.",
                f"« {rng.choice(['C’est une bonne nouvelle', 'Nous attendions depuis des années', 'Personne ne nous a consultés', 'Cela change peu de choses'])} »,"
                f" estime {_person(rng)}, {rng.choice(['marchande de tissu', 'chauffeur de taxi', 'professeur de maths', 'producteur d’oignons'])}."]
        outlet = rng.choice(FR_OUTLETS)
    body += [_en_context(rng, {"place": place}) if lang == "en" else _fr_context(rng, {"place": place})]
    return _story(i, lang, title, body, published, outlet, None)


def _republication(rng: random.Random, original: dict, i: int) -> dict:
    """The same story picked up by another outlet: light edits, its own id and URL, a later time."""
    others = [o for o in (EN_OUTLETS if original["lang"] == "en" else FR_OUTLETS) if o != original["outlet"]]
    paragraphs = original["text"].split("\n")
    note = "(Updated with details.)" if original["lang"] == "en" else "(Mise à jour avec des précisions.)"
    published = datetime.fromisoformat(original["published"]) + timedelta(minutes=rng.randrange(5, 240))
    story = _story(i, original["lang"], original["title"], paragraphs[:-1] + [paragraphs[-1] + " " + note],
                   published, rng.choice(others), original["event"])
    story["dup_of"] = original["id"]
    return story


def _story(i: int, lang: str, title: str, paragraphs: list[str], published: datetime, outlet: str,
           event: str | None) -> dict:
    return {"id": f"syn-{i:07d}", "lang": lang, "title": title, "text": "\n".join(paragraphs),
            "published": published.isoformat(), "outlet": outlet, "event": event, "dup_of": None}
