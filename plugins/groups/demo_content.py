"""Demo groups and discussions per language.

Each group: (slug, name, visibility, ICD-10 codes, description, threads);
each thread: (title, opening message, replies); a reply starting with ">"
quotes the message before it.
"""

from __future__ import annotations

__all__ = ["GROUPS"]

Thread = tuple[str, str, list[str]]
GroupSpec = tuple[str, str, str, tuple[str, ...], str, list[Thread]]

GROUPS: dict[str, list[GroupSpec]] = {
    "fr": [
        (
            "entorse-cheville",
            "Entorse de la cheville",
            "public",
            ("S93.4",),
            "Se remettre d'une entorse : rééducation, reprise du sport, douleurs qui traînent.",
            [
                (
                    "Combien de temps avant de reprendre la course ?",
                    "Entorse moyenne il y a 5 semaines, je marche bien mais j'ai peur de recourir. "
                    "Vous avez repris au bout de combien de temps ?",
                    [
                        "Pour moi 8 semaines, avec l'accord du kiné. "
                        "J'ai commencé par **10 minutes** sur terrain plat.",
                        "> Pareil, le kiné m'a fait faire des exercices d'équilibre sur un pied avant.",
                        "Écoute ta cheville : un peu de gêne c'est normal, une vraie douleur non.",
                    ],
                ),
                (
                    "Strapping ou chevillère ?",
                    "On m'a conseillé une chevillère pour la reprise. Vous trouvez ça mieux que le strapping ?",
                    [
                        "Chevillère pour le quotidien, strapping fait par le kiné pour le sport.",
                        "Je n'ai utilisé que la chevillère, ça m'a rassurée.",
                    ],
                ),
            ],
        ),
        (
            "anxiete",
            "Anxiété",
            "public",
            ("F41",),
            "Un espace bienveillant pour parler d'anxiété, de crises d'angoisse et de ce qui nous aide.",
            [
                (
                    "Ce qui vous aide pendant une crise",
                    "Je commence à repérer les signes avant une crise. Qu'est-ce qui vous aide sur le moment ?\n\n"
                    "- respirer lentement\n- sortir marcher\n- appeler quelqu'un",
                    [
                        "La respiration 4-7-8 m'aide beaucoup, même si ça paraît simple.",
                        "> J'ajoute : nommer 5 choses que je vois autour de moi. Ça me ramène au présent.",
                        "Merci pour ce fil, je me sens moins seule.",
                        "N'hésitez pas à en parler à votre médecin aussi, une TCC m'a beaucoup aidé.",
                    ],
                ),
                (
                    "Anxiété et travail",
                    "Comment gérez-vous les réunions quand l'anxiété monte ?",
                    [
                        "Je prépare mes notes à l'avance, ça me rassure.",
                        "J'en ai parlé à ma manager, elle a été compréhensive.",
                    ],
                ),
            ],
        ),
        (
            "diabete-type-2",
            "Diabète de type 2",
            "public",
            ("E11",),
            "Alimentation, activité physique, traitements et suivi au quotidien.",
            [
                (
                    "Vos idées de petit-déjeuner",
                    "Je cherche des idées de petit-déjeuner qui ne font pas grimper ma glycémie.",
                    [
                        "Pain complet, fromage blanc et quelques noix pour moi.",
                        "> Le fromage blanc avec des fruits rouges, c'est mon préféré.",
                        "Flocons d'avoine cuits à l'eau avec de la cannelle.",
                    ],
                ),
            ],
        ),
        (
            "sclerose-en-plaques",
            "Sclérose en plaques",
            "public",
            ("G35",),
            "Partager nos expériences de la SEP : fatigue, traitements, vie quotidienne.",
            [
                (
                    "Gérer la fatigue",
                    "La fatigue est mon symptôme le plus difficile. Comment organisez-vous vos journées ?",
                    [
                        "Je fais les choses importantes le matin et je garde une sieste après le déjeuner.",
                        "> La sieste a changé ma vie aussi. Et je dis non plus souvent.",
                        "L'activité physique adaptée m'a aidée, en douceur.",
                    ],
                ),
            ],
        ),
        (
            "aidants",
            "Aidants familiaux",
            "private",
            (),
            "Pour celles et ceux qui accompagnent un proche malade. Groupe privé : les messages restent entre membres.",
            [
                (
                    "Trouver du temps pour soi",
                    "J'accompagne ma mère depuis deux ans. Comment faites-vous pour souffler un peu ?",
                    [
                        "L'accueil de jour deux fois par semaine m'a sauvé.",
                        "Je me garde une soirée par semaine, sans exception.",
                    ],
                ),
            ],
        ),
    ],
    "en": [
        (
            "type-2-diabetes",
            "Type 2 diabetes",
            "public",
            ("E11",),
            "Food, exercise, medication and day-to-day life with type 2 diabetes.",
            [
                (
                    "Breakfast ideas",
                    "Looking for breakfasts that don't spike my glucose. What works for you?",
                    [
                        "Porridge with cinnamon and a few walnuts.",
                        "> Porridge here too, made with water and topped with berries.",
                    ],
                ),
            ],
        ),
        (
            "anxiety",
            "Anxiety",
            "public",
            ("F41",),
            "A kind space to talk about anxiety and panic, and what helps.",
            [
                (
                    "What helps during a panic attack?",
                    "I'm starting to notice the signs before an attack. What helps you in the moment?",
                    [
                        "Slow breathing, counting to four in and six out.",
                        "> Grounding too: naming five things I can see.",
                    ],
                ),
            ],
        ),
        (
            "multiple-sclerosis",
            "Multiple sclerosis",
            "public",
            ("G35",),
            "Sharing our experience of MS: fatigue, treatment, everyday life.",
            [
                (
                    "Managing fatigue",
                    "Fatigue is the hardest part for me. How do you plan your days?",
                    ["Important things in the morning, rest after lunch."],
                )
            ],
        ),
        ("carers", "Carers' corner", "private", (), "For people caring for someone who is ill. Private group.", []),
    ],
    "de": [
        (
            "diabetes-typ-2",
            "Diabetes Typ 2",
            "public",
            ("E11",),
            "Ernährung, Bewegung, Medikamente und Alltag mit Diabetes Typ 2.",
            [
                (
                    "Frühstücksideen",
                    "Ich suche Frühstücksideen, die meinen Blutzucker nicht in die Höhe treiben.",
                    ["Vollkornbrot mit Quark und ein paar Nüssen.", "> Quark mit Beeren ist auch mein Favorit."],
                ),
            ],
        ),
        (
            "angst",
            "Angst und Panik",
            "public",
            ("F41",),
            "Ein geschützter Raum, um über Angst und Panikattacken zu sprechen.",
            [
                (
                    "Was hilft euch bei einer Panikattacke?",
                    "Was hilft euch im Moment selbst?",
                    ["Langsam atmen: vier ein, sechs aus.", "Kurz rausgehen und laufen."],
                )
            ],
        ),
        (
            "multiple-sklerose",
            "Multiple Sklerose",
            "public",
            ("G35",),
            "Erfahrungen mit MS teilen: Müdigkeit, Therapie, Alltag.",
            [],
        ),
    ],
}
