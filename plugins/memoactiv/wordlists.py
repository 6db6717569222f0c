"""Word lists for the learning and delayed-recall exercise, eight parallel forms per language.

Our own lists (reference sheet §7e: no clinical-test lists): twelve frequent
concrete nouns of one to three syllables per list, one from each of twelve
semantic categories (animal, food, furniture, clothing, kitchen, vehicle,
building, landscape, tool, music, plant, everyday object) so that no list has a
semantic cluster, and the forms are parallel in composition. Words were
assigned to lists so that the lists' mean Zipf frequency (``wordfreq`` 3.1)
and mean length in letters are matched; ``tests/test_wordlists.py``
recomputes both and fails if a list drifts. Each entry is ``singular/plural``
(scoring takes either form).

Forms 1–6 rotate across check-ins; forms 7 and 8 are for training only, so a
member never learns a check-in list outside a check-in.
"""

from __future__ import annotations

__all__ = ["CHECKIN_FORMS", "LISTS", "PRACTICE", "TRAINING_FORMS", "forms_of", "list_for", "practice_words"]

CHECKIN_FORMS = (1, 2, 3, 4, 5, 6)
TRAINING_FORMS = (7, 8)

_FR = """
cheval/chevaux pomme/pommes fauteuil/fauteuils gant/gants verre/verres vélo/vélos
château/châteaux prairie/prairies aiguille/aiguilles cloche/cloches arbre/arbres bougie/bougies

chèvre/chèvres cerise/cerises lampe/lampes manteau/manteaux couteau/couteaux avion/avions
pont/ponts forêt/forêts pinceau/pinceaux trompette/trompettes chêne/chênes livre/livres

mouton/moutons fromage/fromages armoire/armoires chapeau/chapeaux bol/bols bateau/bateaux
gare/gares montagne/montagnes marteau/marteaux flûte/flûtes herbe/herbes miroir/miroirs

oiseau/oiseaux fraise/fraises table/tables pantalon/pantalons tasse/tasses moto/motos
maison/maisons île/îles ciseaux/ciseau harpe/harpes branche/branches parapluie/parapluies

chat/chats poire/poires chaise/chaises écharpe/écharpes casserole/casseroles camion/camions
école/écoles colline/collines scie/scies radio/radios buisson/buissons lettre/lettres

poisson/poissons citron/citrons canapé/canapés jupe/jupes assiette/assiettes tracteur/tracteurs
église/églises lac/lacs corde/cordes guitare/guitares fleur/fleurs valise/valises

lapin/lapins carotte/carottes tapis/tapis veste/vestes bouteille/bouteilles bus/bus
moulin/moulins rocher/rochers pelle/pelles violon/violons feuille/feuilles journal/journaux

souris/souris tomate/tomates tabouret/tabourets robe/robes cuillère/cuillères voiture/voitures
hôpital/hôpitaux plage/plages clé/clés tambour/tambours sapin/sapins stylo/stylos
"""

_EN = """
pig/pigs pear/pears bed/beds coat/coats glass/glasses ship/ships
church/churches river/rivers scissors/scissor violin/violins branch/branches suitcase/suitcases

rabbit/rabbits cherry/cherries shelf/shelves glove/gloves bottle/bottles van/vans
school/schools lake/lakes needle/needles flute/flutes pine/pines letter/letters

bird/birds banana/bananas carpet/carpets dress/dresses fork/forks bicycle/bicycles
farm/farms forest/forests hammer/hammers guitar/guitars grass/grasses pen/pens

horse/horses lemon/lemons chair/chairs boot/boots kettle/kettles truck/trucks
bridge/bridges mountain/mountains axe/axes trumpet/trumpets leaf/leaves book/books

cow/cows apple/apples cupboard/cupboards scarf/scarves knife/knives boat/boats
castle/castles island/islands brush/brushes piano/pianos tree/trees mirror/mirrors

duck/ducks strawberry/strawberries sofa/sofas shirt/shirts spoon/spoons car/cars
house/houses hill/hills ladder/ladders harp/harps oak/oaks newspaper/newspapers

goat/goats cheese/cheeses table/tables sock/socks bowl/bowls bus/buses
hospital/hospitals meadow/meadows rope/ropes bell/bells flower/flowers umbrella/umbrellas

sheep/sheep tomato/tomatoes lamp/lamps jacket/jackets plate/plates tractor/tractors
station/stations beach/beaches key/keys drum/drums bush/bushes pencil/pencils
"""

_DE = """
Katze/Katzen Apfel/Äpfel Regal/Regale Handschuh/Handschuhe Schüssel/Schüsseln Lastwagen/Lastwagen
Kirche/Kirchen Wald/Wälder Säge/Sägen Radio/Radios Gras/Gräser Korb/Körbe

Schaf/Schafe Tomate/Tomaten Tisch/Tische Jacke/Jacken Gabel/Gabeln Flugzeug/Flugzeuge
Bahnhof/Bahnhöfe Fluss/Flüsse Nadel/Nadeln Geige/Geigen Eiche/Eichen Spiegel/Spiegel

Fisch/Fische Banane/Bananen Lampe/Lampen Hemd/Hemden Tasse/Tassen Traktor/Traktoren
Schule/Schulen Strand/Strände Schere/Scheren Klavier/Klaviere Blume/Blumen Schirm/Schirme

Vogel/Vögel Kirsche/Kirschen Sofa/Sofas Kleid/Kleider Messer/Messer Schiff/Schiffe
Brücke/Brücken Insel/Inseln Schaufel/Schaufeln Glocke/Glocken Zweig/Zweige Kerze/Kerzen

Hase/Hasen Zitrone/Zitronen Sessel/Sessel Hose/Hosen Flasche/Flaschen Boot/Boote
Mühle/Mühlen Berg/Berge Hammer/Hämmer Gitarre/Gitarren Busch/Büsche Bleistift/Bleistifte

Ente/Enten Erdbeere/Erdbeeren Schrank/Schränke Stiefel/Stiefel Topf/Töpfe Auto/Autos
Bauernhof/Bauernhöfe Wiese/Wiesen Seil/Seile Trompete/Trompeten Baum/Bäume Buch/Bücher

Maus/Mäuse Käse/Käse Bett/Betten Mantel/Mäntel Löffel/Löffel Bus/Busse
Krankenhaus/Krankenhäuser Felsen/Felsen Pinsel/Pinsel Flöte/Flöten Strauch/Sträucher Kissen/Kissen

Schwein/Schweine Karotte/Karotten Stuhl/Stühle Schal/Schals Glas/Gläser Fahrrad/Fahrräder
Haus/Häuser Hügel/Hügel Schlüssel/Schlüssel Harfe/Harfen Tanne/Tannen Brief/Briefe
"""


def _parse(block: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Lists are separated by a blank line; entries by spaces; forms by "/"."""
    return tuple(tuple(tuple(entry.split("/")) for entry in chunk.split()) for chunk in block.strip().split("\n\n"))


LISTS: dict[str, tuple[tuple[tuple[str, ...], ...], ...]] = {"fr": _parse(_FR), "en": _parse(_EN), "de": _parse(_DE)}
"""Language → eight lists (form 1 first) → twelve words → (singular, plural)."""


PRACTICE: dict[str, tuple[str, ...]] = {
    "fr": ("soleil", "nuage", "étoile", "lune"),
    "en": ("sun", "cloud", "star", "moon"),
    "de": ("Sonne", "Wolke", "Stern", "Mond"),
}
"""Practice-round words (sky words: in no list)."""


def _language(language: str) -> str:
    code = language.split("_")[0].split("-")[0]
    return code if code in LISTS else "en"


def practice_words(language: str) -> tuple[str, ...]:
    """The practice-round words of the language (English for a language without lists)."""
    return PRACTICE[_language(language)]


def list_for(language: str, form: int) -> tuple[tuple[str, ...], ...]:
    """Form ``form`` (1–8) of the language's lists (English for a language without lists)."""
    return LISTS[_language(language)][form - 1]


def forms_of(language: str, form: int) -> list[list[str]]:
    """The forms (singular, plural) of each word of a list, for scoring."""
    return [list(word) for word in list_for(language, form)]
